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

/// <summary>Link a case to an incident by hand (any staff who may open the case; the incident must be open).</summary>
public static class LinkIncidentCase
{
    /// <param name="Case">The case number (<c>HD-000123</c> or <c>123</c>).</param>
    public sealed record Command(Guid IncidentId, string Case) : ICommand<Result>, IRequireStaff;

    public sealed record Result(Guid IncidentId, Guid CaseId, string Number, bool AlreadyLinked);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Case).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter a case number, such as HD-000123.")
                .Must(n => CaseNumber.TryParse(n, out _)).WithMessage("That is not a case number; it looks like HD-000123.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.AsNoTracking().SingleOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            if (!CaseNumber.TryParse(command.Case, out var number))
            {
                throw new InvalidOperationException("The validator admits only case numbers.");
            }

            var target = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => new { c.Id, c.Tier }).SingleOrDefaultAsync(cancellationToken);
            if (target is null || !CaseAccess.StaffMayOpen(user, target.Tier))
            {
                throw new DomainRuleException("incident.case_unknown", $"There is no case {CaseNumber.Format(number)} you can open.");
            }

            if (await db.IncidentCases.AnyAsync(l => l.IncidentId == incident.Id && l.CaseId == target.Id, cancellationToken))
            {
                return new Result(incident.Id, target.Id, CaseNumber.Format(number), AlreadyLinked: true);
            }

            var now = clock.UtcNow;
            db.IncidentCases.Add(IncidentCase.Link(incident.Id, target.Id, automatic: false, user.Name, now));
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "incident.case_linked", "incident", incident.Id.ToString(), target.Id,
                AuditData.Of(("case", null, CaseNumber.Format(number)), ("how", null, "by hand"))));
            return new Result(incident.Id, target.Id, CaseNumber.Format(number), AlreadyLinked: false);
        }
    }
}

/// <summary>Unlink a case from an incident (any staff who may open the case).</summary>
public static class UnlinkIncidentCase
{
    public sealed record Command(Guid IncidentId, Guid CaseId) : ICommand<bool>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, bool>
    {
        public async ValueTask<bool> Handle(Command command, CancellationToken cancellationToken)
        {
            var link = await db.IncidentCases.SingleOrDefaultAsync(l => l.IncidentId == command.IncidentId && l.CaseId == command.CaseId, cancellationToken);
            if (link is null)
            {
                return false;
            }

            db.IncidentCases.Remove(link);
            var now = clock.UtcNow;
            var number = await db.Cases.Where(c => c.Id == command.CaseId).Select(c => c.Number).SingleAsync(cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "incident.case_unlinked", "incident", command.IncidentId.ToString(), command.CaseId,
                AuditData.Of(("case", CaseNumber.Format(number), null))));
            return true;
        }
    }
}

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
