using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> builder)
    {
        builder.ToTable("incident_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.RequestedByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IncidentUpdate>().WithMany().HasForeignKey(n => n.UpdateId).OnDelete(DeleteBehavior.Cascade);
        // One notice per update: asking twice cannot start a second round of mail.
        builder.HasIndex(n => n.UpdateId).IsUnique();
        builder.HasIndex(n => n.RequestedAt).HasFilter("status = 'Running'").HasDatabaseName("ix_incident_notices_running");
    }
}
