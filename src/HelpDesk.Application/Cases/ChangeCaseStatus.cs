using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>An agent moves a case to another status (waiting for the subscriber, another team, resolved, reopened, closed).</summary>
public static class ChangeCaseStatus
{
    public sealed record Command(Guid CaseId, string Status) : ICommand<CaseState>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Status).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the status to move the case to.")
                .Must(CaseInput.IsStatus).WithMessage(c => $"'{TextInput.Echo(c.Status)}' is not a status. Use one of: {CaseInput.Names<CaseStatus>()}.")
                .Must(s => !CaseInput.TryParse<CaseStatus>(s, out var status) || status != CaseStatus.New)
                .WithMessage("A case cannot be moved back to New; choose Open to reopen it.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, EmailNotifier email, Escalations.Escalator escalator) : ICommandHandler<Command, CaseState>
    {
        public async ValueTask<CaseState> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var to = CaseInput.TryParse<CaseStatus>(command.Status, out var parsed) ? parsed : throw new InvalidOperationException("The validator admits only known statuses.");
            var before = @case.Status;
            if (before == to)
            {
                return CaseState.Of(@case, agent);
            }

            var now = clock.UtcNow;
            var reopensBefore = @case.ReopenCount;
            @case.ChangeStatus(agent, to, now);
            if (@case.Status == CaseStatus.Resolved)
            {
                await email.CaseResolvedAsync(@case, cancellationToken);
            }

            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.status_changed", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("status", before.ToString(), @case.Status.ToString()))));
            await escalator.AfterReopenAsync(@case, reopensBefore, user.AsActor(), now, cancellationToken);
            return CaseState.Of(@case, agent);
        }
    }
}
