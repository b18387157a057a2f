using System.Text.RegularExpressions;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Splits a plain-text reply into the new text and the quoted history: Gmail and Apple Mail attributions
/// ("On … wrote:", also wrapped over two lines), Outlook ("-----Original Message-----", a "From: … Sent: …"
/// header block, optionally after a "____" rule) and "&gt;" quotes. Forwarded messages are not folded: the
/// forwarded content is what the sender wants us to read.
/// </summary>
public static partial class QuoteFolder
{
    public static (string Text, string Quoted) Fold(string text, bool isForward)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (isForward)
        {
            return (Tidy(lines), "");
        }

        var start = FindHistoryStart(lines);
        if (start is null)
        {
            var kept = lines.Where(l => !IsQuoteLine(l)).ToArray();
            var quoted = lines.Where(IsQuoteLine).ToArray();
            return (Tidy(kept), Tidy(quoted));
        }

        var at = start.Value;
        if (lines.Take(at).All(string.IsNullOrWhiteSpace))
        {
            // The quote comes first (bottom-posting): fold the attribution and the quoted lines, keep the rest.
            var end = at + 1;
            while (end < lines.Length && (IsQuoteLine(lines[end]) || string.IsNullOrWhiteSpace(lines[end]) || (end == at + 1 && AttributionEnd().IsMatch(lines[end].Trim()))))
            {
                end++;
            }

            return (Tidy(lines[end..]), Tidy(lines[at..end]));
        }

        return (Tidy(lines[..at]), Tidy(lines[at..]));
    }

    private static int? FindHistoryStart(string[] lines)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (OriginalMessage().IsMatch(line))
            {
                return IncludeRule(lines, i);
            }

            if (Attribution().IsMatch(line) && !IsQuoteLine(lines[i]))
            {
                return i;
            }

            if (AttributionStart().IsMatch(line) && i + 1 < lines.Length && AttributionEnd().IsMatch(lines[i + 1].Trim()))
            {
                return i;
            }

            if (HeaderFrom().IsMatch(line) && lines.Skip(i + 1).Take(4).Any(l => HeaderSent().IsMatch(l.Trim())))
            {
                return IncludeRule(lines, i);
            }
        }

        return null;
    }

    private static int IncludeRule(string[] lines, int i)
    {
        var j = i - 1;
        while (j >= 0 && string.IsNullOrWhiteSpace(lines[j])) j--;
        return j >= 0 && Rule().IsMatch(lines[j].Trim()) ? j : i;
    }

    private static bool IsQuoteLine(string line) => line.TrimStart().StartsWith('>');

    private static string Tidy(IEnumerable<string> lines) => string.Join('\n', lines.Select(l => l.TrimEnd())).Trim('\n', ' ');

    [GeneratedRegex(@"^-{2,}\s*(Original Message|Ursprüngliche Nachricht|Message d'origine)\s*-{2,}$", RegexOptions.IgnoreCase)]
    private static partial Regex OriginalMessage();

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op)\s.+(wrote|schrieb|a écrit|escribió|ha scritto|schreef)(\s[^:]*)?\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex Attribution();

    [GeneratedRegex(@"^(On|Am|Le|El|Il|Op)\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionStart();

    [GeneratedRegex(@"(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\s?:$", RegexOptions.IgnoreCase)]
    private static partial Regex AttributionEnd();

    [GeneratedRegex(@"^\*?(From|Von|De)\s?:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderFrom();

    [GeneratedRegex(@"^\*?(Sent|Gesendet|Envoyé)\s?:\*?\s.+", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderSent();

    [GeneratedRegex(@"^_{10,}$")]
    private static partial Regex Rule();
}
