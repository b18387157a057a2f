using System.Text.RegularExpressions;

namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>Finds text in which the assistant would pretend to be a person ("my name is …", "I'm Sarah", "I am human").</summary>
public static partial class HumanClaim
{
    /// <summary>
    /// The offending words, or null when the text does not claim to be a person. Each expression runs with a time
    /// limit (100 ms, or <paramref name="timeout"/>); one that runs out of time counts as no match, as the assistant's
    /// own patterns do at run time — under CPU load at start-up a timeout once stopped the app (issue 14).
    /// </summary>
    public static string? Find(string? text, TimeSpan? timeout = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var normalized = text.Replace('’', '\'').Replace('‘', '\'');
        var regexes = timeout is { } limit ? WithTimeout(limit) : [MyName(), HumanSelf(), NamedSelf(), ThisIsName()];
        foreach (var regex in regexes)
        {
            try
            {
                var match = regex.Match(normalized);
                if (match.Success)
                {
                    return match.Value;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                // No match: a configuration check must not crash the host over the machine's load.
            }
        }

        return null;
    }

    private static Regex[] WithTimeout(TimeSpan timeout) =>
        [.. ((Regex[])[MyName(), HumanSelf(), NamedSelf(), ThisIsName()]).Select(r => new Regex(r.ToString(), r.Options, timeout))];

    [GeneratedRegex(@"\bmy\s+name(?:'s|\s+is)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex MyName();

    [GeneratedRegex(@"\bi(?:\s+am|'m|m)\s+(?:a\s+|an\s+)?(?:real\s+|actual\s+)?(?:human|person|man|woman|not\s+an?\s+(?:bot|robot|machine|computer|program|ai|assistant|virtual))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex HumanSelf();

    // "I'm Sarah", "I am Tom": a capitalised word straight after "I am" is taken as a name.
    [GeneratedRegex(@"\b[Ii](?:\s+am|'m)\s+(?!(?:The|A|An|Your|Sorry|Here|Not|Only|Happy|Glad|Afraid|Unable|Able|Going|Virtual|Connecting|Putting|Passing|Handing|Getting|Still|Just|So|Also)\b)\p{Lu}\p{Ll}+",
        RegexOptions.CultureInvariant, 100)]
    private static partial Regex NamedSelf();

    [GeneratedRegex(@"\b[Tt]his\s+is\s+(?!(?:The|A|An|Your)\b)\p{Lu}\p{Ll}+(?:\s+(?:from|speaking|here|with))\b", RegexOptions.CultureInvariant, 100)]
    private static partial Regex ThisIsName();
}
