using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;

namespace HelpDesk.Application.Cases;

/// <summary>An agent raises or lowers a case's priority; its SLA deadlines follow the new priority's policy.</summary>
public static class ChangeCasePriority
{
    public sealed record Command(Guid CaseId, string Priority) : ICommand<CaseState>, ICaseRequest, IRequireStaff;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Priority).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a priority.")
                .Must(p => CaseInput.TryParse<CasePriority>(p, out _))
                .WithMessage(c => $"'{TextInput.Echo(c.Priority)}' is not a priority. Use one of: {CaseInput.Names<CasePriority>()}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CaseState>
    {
        public async ValueTask<CaseState> Handle(Command command, CancellationToken cancellationToken)
        {
            var @case = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var to = CaseInput.TryParse<CasePriority>(command.Priority, out var parsed) ? parsed : throw new InvalidOperationException("The validator admits only known priorities.");
            if (@case.Priority == to)
            {
                return CaseState.Of(@case, agent);
            }

            var now = clock.UtcNow;
            var before = @case.ChangePriority(agent, to, now);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.priority_changed", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("priority", before.ToString(), to.ToString()))));
            return CaseState.Of(@case, agent);
        }
    }
}
