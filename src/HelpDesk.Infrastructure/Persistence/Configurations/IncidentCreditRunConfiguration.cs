using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentCreditRunConfiguration : IEntityTypeConfiguration<IncidentCreditRun>
{
    public void Configure(EntityTypeBuilder<IncidentCreditRun> builder)
    {
        builder.ToTable("incident_credit_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Amounts).HasColumnType("text[]");
        builder.Property(r => r.Percent).HasPrecision(5, 2);
        builder.Property(r => r.Note).HasMaxLength(IncidentCreditRun.MaxNoteLength);
        builder.Property(r => r.PreviewTotals).HasMaxLength(1000).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(254).IsRequired();
        builder.Property(r => r.DecidedByName).HasMaxLength(254);
        builder.Property(r => r.RejectReason).HasMaxLength(1000);
        builder.Ignore(r => r.AmountByCurrency);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        // One live proposal per incident (a rejected one may be followed by another).
        builder.HasIndex(r => r.IncidentId).IsUnique().HasFilter("status <> 'Rejected'").HasDatabaseName("ux_incident_credit_runs_live");
        builder.HasIndex(r => r.RequestedAt).HasFilter("status = 'Issuing'").HasDatabaseName("ix_incident_credit_runs_issuing");
    }
}
