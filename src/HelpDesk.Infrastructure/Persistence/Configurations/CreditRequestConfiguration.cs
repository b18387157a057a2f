using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CreditRequestConfiguration : IEntityTypeConfiguration<CreditRequest>
{
    public void Configure(EntityTypeBuilder<CreditRequest> builder)
    {
        builder.ToTable("credit_requests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.Property(r => r.Amount).HasPrecision(12, 2);
        builder.Property(r => r.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(r => r.ReasonCode).HasMaxLength(CreditAuthorityPolicy.MaxReasonCodeLength).IsRequired();
        builder.Property(r => r.Note).HasMaxLength(CreditRequest.MaxNoteLength);
        builder.Property(r => r.RequestedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.ApprovalReason).HasMaxLength(500);
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionComment).HasMaxLength(CreditRequest.MaxCommentLength);
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(r => r.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.RequestedByAgentId).OnDelete(DeleteBehavior.Restrict);
        // A retried submit (same Idempotency-Key from the same agent) lands once.
        builder.HasIndex(r => new { r.RequestedByAgentId, r.ClientRequestId }).IsUnique().HasFilter("client_request_id IS NOT NULL");
        // The approvals inbox: pending requests, oldest first.
        builder.HasIndex(r => r.RequestedAt).HasFilter("status = 'PendingApproval'");
        builder.HasIndex(r => r.SubscriberId);
    }
}
