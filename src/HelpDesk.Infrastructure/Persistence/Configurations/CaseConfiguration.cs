using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    /// <summary>Shadow column: generated <c>tsvector</c> for full-text search (queried with SQL).</summary>

    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasDefaultValueSql($"nextval('{HelpDeskDbContext.CaseNumberSequence}')");
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Subject).HasMaxLength(Case.MaxSubjectLength).IsRequired();
        builder.Property(c => c.Queue).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.DisplayNumber);
        builder.Ignore(c => c.Stage);
        builder.Ignore(c => c.SlaState);
        builder.Ignore(c => c.SlaNeedsRefresh);
        builder.Ignore(c => c.IsFirstResponseOwed);
        builder.Property(c => c.Language).HasMaxLength(16).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.PreviousCaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SlaPolicy>().WithMany().HasForeignKey(c => c.SlaPolicyId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(c => c.FollowUps).WithOne().HasForeignKey(f => f.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.FollowUps).UsePropertyAccessMode(PropertyAccessMode.Field);
        // The full-text columns (cases.search_vector from the subject, interactions.search_vector from the body; stored
        // generated columns with GIN indexes, created by the migration AgentConsole) are the database's own:
        // only the search's SQL reads them (PostgresCaseSearch). Outside the model, EF neither selects them with every case
        // and interaction it reads nor asks for them back (RETURNING) after every insert and update (ADR 0131).

        builder.HasOne(c => c.Subscriber).WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Assignee).WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Interactions).WithOne().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Interactions).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
        builder.HasIndex(c => new { c.SubscriberId, c.ClientRequestId }).IsUnique().HasFilter("client_request_id IS NOT NULL");
        // Every index here is written by every intake (ADR 0128): an index only serves rows that can match it. An agent's
        // cases are looked up by a given agent, never "assigned to nobody" (the unassigned lists and counts use the
        // queue indexes below), so a new, unassigned case is not written to it.
        builder.HasIndex(c => new { c.AssigneeId, c.Status }).HasFilter("assignee_id IS NOT NULL");
        // The foreign keys' indexes (the references checked when a case is deleted; follow-on and merged cases) hold only
        // the few cases that have one.
        builder.HasIndex(c => c.MergedIntoId).HasFilter("merged_into_id IS NOT NULL");
        builder.HasIndex(c => c.PreviousCaseId).HasFilter("previous_case_id IS NOT NULL");
        // The sweeper's reads: cases with a deadline, warning or follow-up still to raise.
        builder.HasIndex(c => c.ResponseWarnAt).HasFilter("response_warn_at IS NOT NULL AND response_sla <> 'Breached'");
        builder.HasIndex(c => c.ResolutionWarnAt).HasFilter("resolution_warn_at IS NOT NULL AND resolution_sla <> 'Breached'");
        builder.HasIndex(c => c.FollowUpDueAt).HasFilter("follow_up_due_at IS NOT NULL");
        builder.HasIndex(c => c.ResolvedAt).HasFilter("status = 'Resolved'");
        // No (queue, attention_at, created_at) index over the active cases: claim-next reads ix_cases_perf_claim_waiting,
        // the counts ix_cases_perf_active_counts (same filter). No (tier, status, created_at): the lists filter by tier
        // and status while walking the newest-first indexes. ADR 0128.

        // Performance at a million cases (issue 17, docs/benchmarks.md). The case lists are newest first, keyset-paged:
        // one queue's list and the unfiltered list read the first page straight from these instead of sorting.
        builder.HasIndex(c => new { c.Queue, c.CreatedAt, c.Id }, "ix_cases_perf_queue_newest").HasDatabaseName("ix_cases_perf_queue_newest").IsDescending(false, true, true);
        builder.HasIndex(c => new { c.CreatedAt, c.Id }, "ix_cases_perf_newest").HasDatabaseName("ix_cases_perf_newest").IsDescending(true, true);
        // Claim-next: only the cases still waiting for someone, in claim order, so assigned ones are never stepped over.
        builder.HasIndex(c => new { c.Queue, c.AttentionAt, c.CreatedAt }, "ix_cases_perf_claim_waiting").HasDatabaseName("ix_cases_perf_claim_waiting")
            .HasFilter("assignee_id IS NULL AND merged_into_id IS NULL AND status NOT IN ('Resolved', 'Closed', 'PendingSubscriber')");
        // Queue counts: an index-only scan over the active cases with every column the counts read. Keyed by queue and
        // tier, so the queue pickers find the (queue, tier) pairs holding active cases one probe per pair (ADR 0127).
        builder.HasIndex(c => new { c.Queue, c.Tier }, "ix_cases_perf_active_counts").HasDatabaseName("ix_cases_perf_active_counts")
            .IncludeProperties(c => new
            {
                c.Status, c.AssigneeId, c.CreatedAt, c.ResponseSla, c.ResolutionSla, c.ResponseWarnAt, c.ResolutionWarnAt,
                c.ResponseDueAt, c.ResolutionDueAt, c.FollowUpDueAt,
            })
            .HasFilter("status NOT IN ('Resolved', 'Closed')");
    }
}
