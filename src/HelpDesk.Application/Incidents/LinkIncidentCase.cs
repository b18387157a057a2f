using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
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
