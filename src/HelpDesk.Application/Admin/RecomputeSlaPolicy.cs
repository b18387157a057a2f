using System.Globalization;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Applies a policy's current targets to the open cases it governs now, instead of waiting for each case's next
/// change. Works in batches so a large backlog never sits in memory at once. Administrators only.
/// </summary>
public static class RecomputeSlaPolicy
{
    public const int BatchSize = 200;

    public sealed record Command(Guid Id) : ICommand<RecomputeResult>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, ChangeFeed feed) : ICommandHandler<Command, RecomputeResult>
    {
        private static readonly CaseStatus[] Finished = [CaseStatus.Resolved, CaseStatus.Closed];

        public async ValueTask<RecomputeResult> Handle(Command command, CancellationToken cancellationToken)
        {
            var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
            var policy = policies.SingleOrDefault(p => p.Id == command.Id) ?? throw AdminErrors.Policy(command.Id);

            // A general policy governs its priority's cases on every channel without a policy of its own.
            var ownChannels = policies.Where(p => p.Priority == policy.Priority && p.Channel is not null).Select(p => p.Channel!.Value).ToList();
            var cases = db.Cases.Where(c => c.Priority == policy.Priority && !Finished.Contains(c.Status));
            cases = policy.Channel is { } channel
                ? cases.Where(c => c.Channel == channel)
                : cases.Where(c => !ownChannels.Contains(c.Channel));

            var updated = 0;
            long after = 0;
            while (true)
            {
                var from = after;
                var batch = await cases.Where(c => c.Number > from).OrderBy(c => c.Number).Take(BatchSize).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var @case in batch)
                {
                    @case.RefreshSla(policy);
                    feed.CaseChanged(@case.Id, @case.Queue);
                }

                // Saved per batch (inside the command's transaction) and forgotten, so memory stays flat.
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                updated += batch.Count;
                after = batch[^1].Number;
            }

            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "sla_policy.recomputed", "sla_policy", policy.Id.ToString(),
                data: Common.AuditData.Of(("openCasesUpdated", null, updated.ToString(CultureInfo.InvariantCulture)))));
            return new RecomputeResult(policy.Id, updated);
        }
    }
}
