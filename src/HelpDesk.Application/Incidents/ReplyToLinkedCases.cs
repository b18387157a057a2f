using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>
/// "Reply to all linked cases": one public reply on each linked case the caller may work (mailed like any agent reply),
/// optionally resolving each. Idempotent per request id: each (broadcast, case) gets its reply at most once, so a retry
/// (or a second click) only reaches cases linked since. Audited per case.
/// </summary>
public static class ReplyToLinkedCases
{
    public const int MaxCases = 1000;

    public sealed record Command(Guid IncidentId, Guid RequestId, string Body, bool ResolveCases) : ICommand<Result>, IRequireStaff;

    public sealed record Result(Guid BroadcastId, int Replied, int AlreadyReplied, int Skipped);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body)
                .NotEmpty().WithMessage("Write the reply the subscribers will read.")
                .MaximumLength(Case.MaxBodyLength).WithMessage($"The reply must be {Case.MaxBodyLength:N0} characters or fewer.");
            RuleFor(c => c.RequestId).NotEmpty().WithMessage("Reload the page and send the reply again.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, EmailNotifier email) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Incidents.AnyAsync(i => i.Id == command.IncidentId, cancellationToken))
            {
                throw IncidentErrors.NotFound(command.IncidentId);
            }

            var now = clock.UtcNow;
            var broadcast = await db.IncidentBroadcasts.SingleOrDefaultAsync(b => b.IncidentId == command.IncidentId && b.RequestId == command.RequestId, cancellationToken);
            if (broadcast is null)
            {
                broadcast = IncidentBroadcast.Create(command.IncidentId, command.RequestId, command.Body, command.ResolveCases, user.Name, now);
                db.IncidentBroadcasts.Add(broadcast);
            }

            var agent = await db.Agents.SingleAsync(a => a.Id == user.AgentId, cancellationToken);
            var tiers = CaseAccess.TiersOpenTo(user).ToArray();
            var broadcastId = broadcast.Id;
            var linkedIds = await db.IncidentCases.Where(l => l.IncidentId == command.IncidentId).Select(l => l.CaseId).Take(MaxCases).ToListAsync(cancellationToken);
            var done = await db.IncidentBroadcastCases.Where(b => b.BroadcastId == broadcastId).Select(b => b.CaseId).ToListAsync(cancellationToken);
            var todo = linkedIds.Except(done).ToArray();
            var cases = await db.Cases.Include(c => c.Assignee).Include(c => c.FollowUps)
                .Where(c => todo.Contains(c.Id) && tiers.Contains(c.Tier) && c.Status != CaseStatus.Closed && c.MergedIntoId == null)
                .ToListAsync(cancellationToken);
            foreach (var @case in cases)
            {
                var statusBefore = @case.Status;
                var reply = @case.AddAgentReply(agent, broadcast.Body, now);
                await email.AgentReplyAsync(@case, reply, cancellationToken);
                if (broadcast.ResolveCases && @case.Status != CaseStatus.Resolved)
                {
                    @case.Resolve(agent, now);
                    await email.CaseResolvedAsync(@case, cancellationToken);
                }

                db.IncidentBroadcastCases.Add(IncidentBroadcastCase.Create(broadcastId, @case.Id, reply.Id));
                db.AuditEvents.Add(AuditEvent.Record(
                    now, user.AsActor(), "incident.case_replied", "interaction", reply.Id.ToString(), @case.Id,
                    AuditData.Of(("incident", null, command.IncidentId.ToString()), ("status", statusBefore.ToString(), @case.Status.ToString()))));
            }

            broadcast.Count(cases.Count);
            return new Result(broadcastId, cases.Count, done.Count, todo.Length - cases.Count);
        }
    }
}
