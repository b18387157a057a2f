using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Escalations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class EscalationRequestConfiguration : IEntityTypeConfiguration<EscalationRequest>
{
    public void Configure(EntityTypeBuilder<EscalationRequest> builder)
    {
        builder.ToTable("escalation_requests", t =>
        {
            // The rules the domain enforces, also held by the database: no self-decision, no silent rejection.
            t.HasCheckConstraint("ck_escalation_requests_not_self_decided", "decided_by_agent_id IS NULL OR requested_by_agent_id IS NULL OR decided_by_agent_id <> requested_by_agent_id");
            t.HasCheckConstraint("ck_escalation_requests_rejection_comment", "status <> 'Rejected' OR length(btrim(coalesce(decision_comment, ''))) > 0");
        });
        builder.HasKey(r => r.Id);
        builder.Property(r => r.RowVersion).IsRowVersion();
        builder.Property(r => r.Rule).HasMaxLength(64);
        builder.Property(r => r.RequestedByName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Reason).HasMaxLength(EscalationRequest.MaxReasonLength).IsRequired();
        builder.Property(r => r.DecidedByName).HasMaxLength(200);
        builder.Property(r => r.DecisionComment).HasMaxLength(EscalationRequest.MaxCommentLength);
        builder.HasOne<Case>().WithMany().HasForeignKey(r => r.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Agent>().WithMany().HasForeignKey(r => r.RequestedByAgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.CaseId, r.RequestedAt });
        // The supervisors' inbox: pending requests, oldest first.
        builder.HasIndex(r => r.RequestedAt).HasFilter("status = 'Pending'");
        // One pending request of each kind per case: a double submit lands once.
        builder.HasIndex(r => new { r.CaseId, r.Kind }).IsUnique().HasFilter("status = 'Pending'");
    }
}
