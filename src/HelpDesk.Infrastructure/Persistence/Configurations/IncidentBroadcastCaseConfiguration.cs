using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentBroadcastCaseConfiguration : IEntityTypeConfiguration<IncidentBroadcastCase>
{
    public void Configure(EntityTypeBuilder<IncidentBroadcastCase> builder)
    {
        builder.ToTable("incident_broadcast_cases");
        // One reply per case per broadcast, however often it is retried.
        builder.HasKey(b => new { b.BroadcastId, b.CaseId });
        builder.HasOne<IncidentBroadcast>().WithMany().HasForeignKey(b => b.BroadcastId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
