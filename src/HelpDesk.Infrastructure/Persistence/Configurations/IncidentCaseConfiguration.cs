using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentCaseConfiguration : IEntityTypeConfiguration<IncidentCase>
{
    public void Configure(EntityTypeBuilder<IncidentCase> builder)
    {
        builder.ToTable("incident_cases");
        builder.HasKey(l => new { l.IncidentId, l.CaseId });
        builder.Property(l => l.LinkedByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.CaseId);
    }
}
