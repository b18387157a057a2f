using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Sla;

/// <summary>
/// Recomputes the SLA deadlines of every case a command changed, just before the command's transaction saves,
/// so no use case can forget to (a transaction participant).
/// </summary>
public sealed class SlaClock(IHelpDeskDb db, ReferenceData reference) : ITransactionParticipant
{
    public int Order => TransactionStage.Derive;

    public async ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken) =>
        await RefreshChangedCasesAsync(cancellationToken);

    public async Task RefreshChangedCasesAsync(CancellationToken cancellationToken)
    {
        // Whether a case needs new deadlines is its own flag, not EF's: no change detection needed (ADR 0134).
        var dirty = db.ChangeTracker.WithoutDetecting<Case>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Unchanged && e.Entity.SlaNeedsRefresh)
            .Select(e => e.Entity)
            .ToList();
        if (dirty.Count == 0)
        {
            return;
        }

        var policies = await PoliciesAsync(cancellationToken);
        foreach (var @case in dirty)
        {
            @case.RefreshSla(SlaPolicy.Select(policies, @case.Priority, @case.Channel));
        }
    }

    /// <summary>The policies from the shared copy, checked against the database's version once per request (ADR 0120).</summary>
    public async Task<IReadOnlyList<SlaPolicy>> PoliciesAsync(CancellationToken cancellationToken) =>
        (await reference.GetAsync(cancellationToken)).SlaPolicies;
}
