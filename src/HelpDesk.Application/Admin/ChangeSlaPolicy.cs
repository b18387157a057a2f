using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Changes an SLA policy's targets and calendar. Open cases pick the change up the next time they change
/// (ADR 0003); <see cref="RecomputeSlaPolicy"/> applies it to them at once. Administrators only.
/// </summary>
public static class ChangeSlaPolicy
{
    /// <param name="Hours">Weekly opening windows in <paramref name="TimeZoneId"/>; empty means 24/7.</param>
    public sealed record Command(
        Guid Id,
        string Name,
        TimeSpan FirstResponse,
        TimeSpan NextResponse,
        TimeSpan Resolution,
        int WarningPercent,
        string TimeZoneId,
        IReadOnlyList<HoursInput> Hours,
        IReadOnlyList<DateOnly> Holidays) : ICommand<ListSlaPolicies.PolicyModel>, IRequireAdmin;

    private static readonly TimeSpan Longest = TimeSpan.FromDays(365);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the policy a name.")
                .Must(n => n is null || n.Trim().Length <= SlaPolicy.MaxNameLength).WithMessage($"The name must be {SlaPolicy.MaxNameLength} characters or fewer.");
            Target(c => c.FirstResponse, "first response");
            Target(c => c.NextResponse, "next response");
            Target(c => c.Resolution, "resolution");
            RuleFor(c => c.WarningPercent).InclusiveBetween(1, 99)
                .WithMessage("Warn between 1% and 99% of the target (80% warns when a fifth of the time is left).");
            RuleFor(c => c.TimeZoneId)
                .Must(tz => !string.IsNullOrWhiteSpace(tz) && TimeZoneInfo.TryFindSystemTimeZoneById(tz.Trim(), out _))
                .WithMessage(c => $"“{c.TimeZoneId}” is not a time zone we know. Use an IANA name such as Europe/Madrid or America/New_York.");
            RuleFor(c => c.Hours).NotNull();
            RuleForEach(c => c.Hours)
                .Must(h => h.Close == TimeOnly.MinValue || h.Close > h.Open)
                .WithMessage((_, h) => $"On {h.Day} the hours must close after they open ({h.Open:HH\\:mm}–{h.Close:HH\\:mm}); use 00:00 to close at midnight.");
            RuleFor(c => c.Hours)
                .Must(NotOverlap).WithMessage("Two opening windows on the same day overlap. Make each window end before the next one starts.");
            RuleFor(c => c.Holidays).NotNull();
        }

        private void Target(System.Linq.Expressions.Expression<Func<Command, TimeSpan>> target, string label) =>
            RuleFor(target)
                .GreaterThan(TimeSpan.Zero).WithMessage($"The {label} target must be longer than zero.")
                .LessThanOrEqualTo(Longest).WithMessage($"The {label} target must be at most 365 days.");

        private static bool NotOverlap(IReadOnlyList<HoursInput>? hours) =>
            hours is null || hours.GroupBy(h => h.Day).All(day =>
            {
                var ordered = day.OrderBy(h => h.Open).ToList();
                return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Close != TimeOnly.MinValue && pair.Second.Open >= pair.First.Close);
            });
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, ListSlaPolicies.PolicyModel>
    {
        public async ValueTask<ListSlaPolicies.PolicyModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var policy = await db.SlaPolicies.SingleOrDefaultAsync(p => p.Id == command.Id, cancellationToken) ?? throw AdminErrors.Policy(command.Id);
            var before = AdminAudit.Of(policy);
            var calendar = new BusinessCalendar(
                command.TimeZoneId.Trim(), command.Hours.Select(h => new BusinessHours(h.Day, h.Open, h.Close)), command.Holidays.Distinct());
            policy.Change(command.Name, command.FirstResponse, command.NextResponse, command.Resolution, calendar, command.WarningPercent);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "sla_policy.changed", "sla_policy", policy.Id.ToString(),
                data: AdminAudit.Diff(before, AdminAudit.Of(policy))));
            return ListSlaPolicies.ToModel(policy);
        }
    }
}
