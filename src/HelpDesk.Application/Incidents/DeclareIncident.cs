using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Mediator;

namespace HelpDesk.Application.Incidents;

/// <summary>Staff at Tier 2 and up declare an incident; optionally every affected subscriber is told by email (ADR 0115).</summary>
public static class DeclareIncident
{
    public sealed record Command(
        string Title,
        string Description,
        string Severity,
        DateTimeOffset? StartedAt,
        DateTimeOffset? ExpectedEndAt,
        IReadOnlyList<string>? Regions = null,
        IReadOnlyList<string>? Countries = null,
        IReadOnlyList<string>? Plans = null,
        IReadOnlyList<string>? DeviceKinds = null,
        IReadOnlyList<string>? AppVersions = null,
        IReadOnlyList<string>? Categories = null,
        bool NotifySubscribers = false) : ICommand<Result>, IRequireTier
    {
        public AgentTier MinimumTier => AgentTier.Tier2;
    }

    public sealed record Result(Guid Id, int AffectedSubscribers, Guid? NoticeId);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IClock clock)
        {
            RuleFor(c => c.Title)
                .NotEmpty().WithMessage("Enter a title that says what is wrong, e.g. \"Playback fails on smart TVs in Germany\".")
                .MaximumLength(Incident.MaxTitleLength).WithMessage($"The title must be {Incident.MaxTitleLength} characters or fewer.");
            RuleFor(c => c.Description)
                .NotEmpty().WithMessage("Describe what subscribers notice; they read this on the status page.")
                .MaximumLength(Incident.MaxTextLength).WithMessage($"The description must be {Incident.MaxTextLength:N0} characters or fewer.");
            RuleFor(c => c.Severity).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a severity.")
                .Must(s => IncidentInput.TryParseSeverity(s, out _)).WithMessage($"Choose a severity: {string.Join(", ", Enum.GetNames<IncidentSeverity>())}.");
            RuleFor(c => c.StartedAt)
                .Must(s => s is null || s <= clock.UtcNow.AddMinutes(5)).WithMessage("The start cannot be in the future.");
            RuleFor(c => c.ExpectedEndAt)
                .Must((c, end) => end is null || end > (c.StartedAt ?? clock.UtcNow)).WithMessage("The expected end must be after the start.");
            RuleFor(c => c.Regions).Regions();
            RuleFor(c => c.Countries).Countries();
            RuleFor(c => c.Plans).Names<Command, SubscriptionPlan>("a plan");
            RuleFor(c => c.DeviceKinds).Names<Command, DeviceKind>("a device type");
            RuleFor(c => c.AppVersions).AppVersions();
            RuleFor(c => c.Categories).Names<Command, CaseCategory>("a category");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IncidentNotices notices) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            if (!IncidentInput.TryParseSeverity(command.Severity, out var severity))
            {
                throw new InvalidOperationException("The validator admits only known severities.");
            }

            var scope = IncidentInput.Scope(command.Regions, command.Countries, command.Plans, command.DeviceKinds, command.AppVersions);
            var incident = Incident.Declare(
                command.Title, command.Description, severity, scope, IncidentInput.Parse<CaseCategory>(command.Categories),
                command.StartedAt ?? now, command.ExpectedEndAt, user.AsActor(), now);
            db.Incidents.Add(incident);
            var affected = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(IncidentMatching.Affected(db, scope), cancellationToken);
            IncidentNotice? notice = null;
            if (command.NotifySubscribers)
            {
                notice = await notices.RequestAsync(incident, incident.Updates[0], user.Name, cancellationToken);
            }

            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "incident.declared", "incident", incident.Id.ToString(), null,
                AuditData.Of(
                    ("title", null, incident.Title), ("severity", null, severity.ToString()), ("scope", null, ScopeText(incident)),
                    ("categories", null, string.Join(",", incident.Categories)), ("affected", null, affected.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                    ("notify", null, notice is null ? "no" : notice.Total.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            return new Result(incident.Id, affected, notice?.Id);
        }
    }

    internal static string ScopeText(Incident i) =>
        $"regions=[{string.Join(",", i.Regions)}] countries=[{string.Join(",", i.Countries)}] plans=[{string.Join(",", i.Plans)}] devices=[{string.Join(",", i.DeviceKinds)}] versions=[{string.Join(",", i.AppVersions)}]";
}
