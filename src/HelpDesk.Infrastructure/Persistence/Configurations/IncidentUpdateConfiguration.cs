using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentUpdateConfiguration : IEntityTypeConfiguration<IncidentUpdate>
{
    public void Configure(EntityTypeBuilder<IncidentUpdate> builder)
    {
        builder.ToTable("incident_updates");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Body).HasMaxLength(Incident.MaxTextLength).IsRequired();
        builder.Property(u => u.AuthorName).HasMaxLength(254).IsRequired();
        builder.Ignore(u => u.IsPublic);
        builder.HasIndex(u => new { u.IncidentId, u.CreatedAt });
    }
}
