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

/// <summary>A public update or an internal note on an open incident, optionally with a new severity or expected end.</summary>
public static class PostIncidentUpdate
{
    public sealed record Command(Guid IncidentId, string Body, bool Internal, string? Severity = null, DateTimeOffset? ExpectedEndAt = null, bool ClearExpectedEnd = false)
        : ICommand<Result>, IRequireTier
    {
        public AgentTier MinimumTier => AgentTier.Tier2;
    }

    public sealed record Result(Guid IncidentId, Guid UpdateId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Body)
                .NotEmpty().WithMessage(c => c.Internal ? "Write the note." : "Write the update subscribers will read.")
                .MaximumLength(Incident.MaxTextLength).WithMessage($"The text must be {Incident.MaxTextLength:N0} characters or fewer.");
            RuleFor(c => c.Severity)
                .Must(s => string.IsNullOrWhiteSpace(s) || IncidentInput.TryParseSeverity(s, out _))
                .WithMessage($"Choose a severity: {string.Join(", ", Enum.GetNames<IncidentSeverity>())}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var incident = await db.Incidents.Include(i => i.Updates).SingleOrDefaultAsync(i => i.Id == command.IncidentId, cancellationToken)
                ?? throw IncidentErrors.NotFound(command.IncidentId);
            var now = clock.UtcNow;
            var (oldSeverity, oldEnd) = (incident.Severity, incident.ExpectedEndAt);
            var severity = IncidentInput.TryParseSeverity(command.Severity, out var s) ? s : incident.Severity;
            var end = command.ClearExpectedEnd ? null : command.ExpectedEndAt ?? incident.ExpectedEndAt;
            incident.Change(severity, end, now);
            var update = incident.Post(command.Internal ? IncidentUpdateKind.InternalNote : IncidentUpdateKind.Update, command.Body, user.AsActor(), now);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), command.Internal ? "incident.note" : "incident.updated", "incident", incident.Id.ToString(), null,
                AuditData.Of(
                    ("update", null, update.Id.ToString()),
                    ("severity", oldSeverity.ToString(), severity.ToString()),
                    ("expected_end", oldEnd?.ToString("O"), end?.ToString("O")))));
            return new Result(incident.Id, update.Id);
        }
    }
}

public static class IncidentErrors
{
    /// <summary>Uniform for an unknown id and one the caller may not open.</summary>
    public static NotFoundException NotFound(Guid id) => new($"Incident {id} was not found.");
}
