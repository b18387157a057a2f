using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Incidents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Ends an incident with a time and a closing note; optionally tells every affected subscriber.</summary>
public static class ResolveIncident
{
    public sealed record Command(Guid IncidentId, DateTimeOffset? ResolvedAt, string Note, bool NotifySubscribers = false) : ICommand<Result>, IRequireTier
    {
        public AgentTier MinimumTier => AgentTier.Tier2;
    }

    public sealed record Result(Guid IncidentId, Guid UpdateId, Guid? NoticeId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock)
        {
            RuleFor(c => c.Note)
                .NotEmpty().WithMessage("Write a closing note: what was wrong and that it is fixed. Subscribers read it.")
                .MaximumLength(Incident.MaxTextLength).WithMessage($"The closing note must be {Incident.MaxTextLength:N0} characters or fewer.");
            RuleFor(c => c.ResolvedAt)
                .Must(r => r is null || r <= clock.UtcNow.AddMinutes(5)).WithMessage("The end time cannot be in the future.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IncidentNotices notices) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.Include(i => i.Updates).SingleOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            var now = clock.UtcNow;
            var update = incident.Resolve(command.ResolvedAt ?? now, command.Note, user.AsActor(), now);
            IncidentNotice? notice = null;
            if (command.NotifySubscribers)
            {
                notice = await notices.RequestAsync(incident, update, user.Name, cancellationToken);
            }

            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "incident.resolved", "incident", incident.Id.ToString(), null,
                AuditData.Of(
                    ("status", IncidentStatus.Open.ToString(), IncidentStatus.Resolved.ToString()),
                    ("resolved_at", null, incident.ResolvedAt?.ToString("O")),
                    ("notify", null, notice is null ? "no" : notice.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            return new Result(incident.Id, update.Id, notice?.Id);
        }
    }
}
