using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> builder)
    {
        builder.ToTable("credit_entries");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Amount).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(c => c.ReasonCode).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.IssuedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
        // Every credit is recorded exactly once: a request issues at most one entry, an entry is reversed at most once.
        builder.HasIndex(c => c.CreditRequestId).IsUnique().HasFilter("credit_request_id IS NOT NULL");
        builder.HasIndex(c => c.ReversesId).IsUnique().HasFilter("reverses_id IS NOT NULL");
        // A bulk goodwill credit reaches each subscriber at most once per incident (ADR 0116).
        builder.HasIndex(c => new { c.IncidentId, c.SubscriberId }).IsUnique().HasFilter("incident_id IS NOT NULL AND kind = 'Issue'")
            .HasDatabaseName("ux_credit_entries_incident_subscriber");
        builder.HasOne<CreditRequest>().WithMany().HasForeignKey(c => c.CreditRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditEntry>().WithMany().HasForeignKey(c => c.ReversesId).OnDelete(DeleteBehavior.Restrict);
    }
}
