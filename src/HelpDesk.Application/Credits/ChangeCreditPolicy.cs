using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Credits;

/// <summary>
/// An administrator changes who may credit how much: the change is a new policy version in force at once; earlier
/// versions stay for the record (each credit request remembers the version it was decided under).
/// </summary>
public static partial class ChangeCreditPolicy
{
    /// <param name="ExpectedVersion">The version the editor started from; if another change landed since, the save is refused.</param>
    public sealed record Command(IReadOnlyList<CreditLimitModel> Limits, IReadOnlyList<CreditReasonModel> Reasons, int? ExpectedVersion = null)
        : ICommand<CreditPolicyView>, IRequireAdmin;

    /// <summary>ISO 4217 codes the platform knows (from .NET's region data).</summary>
    public static readonly IReadOnlySet<string> IsoCurrencies = CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c =>
        {
            try
            {
                return new RegionInfo(c.Name).ISOCurrencySymbol;
            }
            catch (ArgumentException)
            {
                return null;
            }
        })
        .Where(c => c is { Length: 3 }).Select(c => c!).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex("^[a-z][a-z0-9_]{1,63}$")]
    public static partial Regex ReasonCodePattern();

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Limits).NotNull().WithMessage("Give the limits.");
            RuleFor(c => c.Reasons).NotNull().WithMessage("Give the reason codes.")
                .Must(r => r is { Count: > 0 }).WithMessage("Allow at least one reason code for some tier, or no credit can be given.");
            RuleForEach(c => c.Limits).ChildRules(limit =>
            {
                limit.RuleFor(l => l.Tier).IsInEnum().WithMessage("Choose a tier.");
                limit.RuleFor(l => l.Currency).Cascade(CascadeMode.Stop)
                    .NotEmpty().WithMessage("Give the currency.")
                    .Must(c => IsoCurrencies.Contains(c.ToUpperInvariant())).WithMessage(l => $"\"{l.Currency}\" is not an ISO 4217 currency code (such as USD, EUR, GBP).");
                limit.RuleFor(l => l.MaxSingle).GreaterThanOrEqualTo(0).WithMessage("A limit cannot be negative.")
                    .Must(a => decimal.Round(a, 2) == a).WithMessage("Limits are in whole cents (at most two decimals).")
                    .LessThan(1_000_000m).WithMessage("That limit is too large.");
                limit.RuleFor(l => l.MaxPer30Days).GreaterThanOrEqualTo(0).WithMessage("A limit cannot be negative.")
                    .Must(a => decimal.Round(a, 2) == a).WithMessage("Limits are in whole cents (at most two decimals).")
                    .LessThan(10_000_000m).WithMessage("That limit is too large.");
                limit.RuleFor(l => l).Must(l => l.MaxSingle <= l.MaxPer30Days)
                    .WithMessage(l => $"{l.Tier} in {l.Currency}: the limit per credit ({l.MaxSingle}) cannot be above the 30-day total ({l.MaxPer30Days}).")
                    .OverridePropertyName("MaxSingle");
            });
            RuleFor(c => c.Limits)
                .Must(l => l is null || l.GroupBy(x => (x.Tier, Currency: x.Currency?.ToUpperInvariant())).All(g => g.Count() == 1))
                .WithMessage("Each tier has at most one limit per currency.");
            RuleForEach(c => c.Reasons).ChildRules(reason =>
            {
                reason.RuleFor(r => r.Tier).IsInEnum().WithMessage("Choose a tier.");
                reason.RuleFor(r => r.ReasonCode).Must(code => code is not null && ReasonCodePattern().IsMatch(code))
                    .WithMessage(r => $"\"{r.ReasonCode}\" is not a reason code: use 2 to 64 lower-case letters, digits and underscores, starting with a letter.");
            });
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, CreditPolicyView>
    {
        public async ValueTask<CreditPolicyView> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var latest = await db.CreditAuthorityPolicies.AsNoTracking().OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
            if (command.ExpectedVersion is { } expected && latest is not null && latest.Version != expected)
            {
                throw new ConcurrencyConflictException(
                    $"The credit policy was changed to version {latest.Version} by {latest.CreatedBy} while you were editing version {expected}. Reload it and make your change again.");
            }

            var version = (latest?.Version ?? 0) + 1;
            var policy = CreditAuthorityPolicy.Create(version, now, user.Name, now,
                command.Limits.Select(l => CreditLimit.Of(l.Tier, l.Currency, l.MaxSingle, l.MaxPer30Days)),
                command.Reasons.Select(r => new CreditReasonGrant(r.Tier, r.ReasonCode)));
            db.CreditAuthorityPolicies.Add(policy);
            var view = CreditPolicyView.From(policy);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "credit_policy.changed", "credit_policy", policy.Id.ToString(), null,
                AuditData.Of(
                    ("version", latest?.Version.ToString(CultureInfo.InvariantCulture), version.ToString(CultureInfo.InvariantCulture)),
                    ("limits", latest is null ? null : Describe(CreditPolicyView.From(latest).Limits), Describe(view.Limits)),
                    ("reasons", latest is null ? null : Describe(CreditPolicyView.From(latest).Reasons), Describe(view.Reasons)))));
            return view;
        }

        private static string Describe(IEnumerable<CreditLimitModel> limits) => string.Join("; ",
            limits.Select(l => string.Create(CultureInfo.InvariantCulture, $"{l.Tier} {l.Currency} {l.MaxSingle:0.00}/{l.MaxPer30Days:0.00}")));

        private static string Describe(IEnumerable<CreditReasonModel> reasons) => string.Join("; ",
            reasons.GroupBy(r => r.Tier).Select(g => $"{g.Key}: {string.Join(",", g.Select(r => r.ReasonCode))}"));
    }
}
