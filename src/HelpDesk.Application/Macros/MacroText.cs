using System.Linq.Expressions;
using System.Text.RegularExpressions;
using HelpDesk.Domain.Macros;

namespace HelpDesk.Application.Macros;

internal static partial class MacroText
{
    /// <summary>
    /// Every <c>{{…}}</c> in the body that is not a known placeholder, written as the author wrote it. Stricter than
    /// the domain's pattern on purpose: <c>{{Subscriber.Name}}</c> would otherwise be sent to a subscriber verbatim.
    /// </summary>
    public static IReadOnlyList<string> UnknownPlaceholders(string? body) =>
        string.IsNullOrEmpty(body)
            ? []
            : AnyPlaceholder().Matches(body).Select(m => m.Groups[1].Value.Trim())
                .Where(p => !Macro.Placeholders.Contains(p)).Distinct().ToList();

    public static string UnknownPlaceholderMessage(string? body) =>
        $"Unknown placeholder {string.Join(", ", UnknownPlaceholders(body).Select(Braced))}. Use one of: {string.Join(", ", Macro.Placeholders.Select(Braced))}.";

    private static string Braced(string name) => "{{" + name + "}}";

    [GeneratedRegex(@"\{\{(.*?)\}\}", RegexOptions.CultureInvariant | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex AnyPlaceholder();
}
