using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentBroadcastConfiguration : IEntityTypeConfiguration<IncidentBroadcast>
{
    public void Configure(EntityTypeBuilder<IncidentBroadcast> builder)
    {
        builder.ToTable("incident_broadcasts");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Body).HasMaxLength(Case.MaxBodyLength).IsRequired();
        builder.Property(b => b.ByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(b => b.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.IncidentId, b.RequestId }).IsUnique();
    }
}
