using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Incidents;

/// <summary>Reading what pages and the API send about an incident (names, never numbers), with one message per bad field.</summary>
public static class IncidentInput
{
    public const int MaxListLength = 50;

    public static IncidentScope Scope(
        IReadOnlyList<string>? regions, IReadOnlyList<string>? countries, IReadOnlyList<string>? plans, IReadOnlyList<string>? kinds, IReadOnlyList<string>? versions) =>
        IncidentScope.Create(regions, countries, Parse<SubscriptionPlan>(plans), Parse<DeviceKind>(kinds), versions);

    public static IReadOnlyList<TEnum> Parse<TEnum>(IReadOnlyList<string>? names)
        where TEnum : struct, Enum =>
        (names ?? []).Where(n => !string.IsNullOrWhiteSpace(n))
            .Select(n => CaseInput.TryParse<TEnum>(n, out var v) ? v : throw new InvalidOperationException("The validator admits only known names."))
            .ToList();

    public static bool TryParseSeverity(string? text, out IncidentSeverity severity) => CaseInput.TryParse(text, out severity);

    public static bool IsCountry(string? code) =>
        code is not null && code.Trim().Length == 2 && code.Trim().All(char.IsAsciiLetter);

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> Regions<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Values(r => IncidentScope.KnownRegions.ContainsKey(r.Trim()),
            r => $"'{Short(r)}' is not a region. Choose from: {string.Join(", ", IncidentScope.KnownRegions.Keys)}.");

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> Countries<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Values(IsCountry, c => $"'{Short(c)}' is not a country code; use two letters such as DE or US.");

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> Names<T, TEnum>(this IRuleBuilder<T, IReadOnlyList<string>?> rule, string what)
        where TEnum : struct, Enum =>
        rule.Values(v => CaseInput.TryParse<TEnum>(v, out _), v => $"'{Short(v)}' is not {what}. Choose from: {CaseInput.Names<TEnum>()}.");

    public static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> AppVersions<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Values(v => v.Trim().Length <= IncidentScope.MaxAppVersionLength, _ => $"An app version must be {IncidentScope.MaxAppVersionLength} characters or fewer.");

    /// <summary>Splits a form's comma- or space-separated text into values.</summary>
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? string.Empty).Split([',', ' ', ';', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"EUR 5, USD 5.50" (or "EUR=5") into amounts per currency; false when a part is not a currency and an amount.</summary>
    public static bool TryParseAmounts(string? text, out Dictionary<string, decimal> amounts)
    {
        amounts = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var part in (text ?? string.Empty).Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split([' ', '='], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (pieces.Length != 2 || pieces[0].Length != 3 || !pieces[0].All(char.IsAsciiLetter)
                || !decimal.TryParse(pieces[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            amounts[pieces[0].ToUpperInvariant()] = amount;
        }

        return true;
    }

    private static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> Values<T>(
        this IRuleBuilder<T, IReadOnlyList<string>?> rule, Func<string, bool> ok, Func<string, string> message) =>
        rule.Custom((values, context) =>
        {
            if (values is null)
            {
                return;
            }

            if (values.Count > MaxListLength)
            {
                context.AddFailure($"List at most {MaxListLength} values.");
                return;
            }

            var bad = values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v) && !ok(v));
            if (bad is not null)
            {
                context.AddFailure(message(bad));
            }
        });

    private static string Short(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] + "…" : text;
}
