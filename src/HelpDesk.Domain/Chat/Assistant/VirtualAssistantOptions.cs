using System.Text.RegularExpressions;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>
/// What the virtual assistant recognises and says (<c>HelpDesk:Chat:Assistant</c>). Configured intents replace the
/// built-in one with the same key; <see cref="AssistantIntentOptions.Enabled"/> = false switches one off.
/// </summary>
public sealed partial class VirtualAssistantOptions
{
    public const string Section = "HelpDesk:Chat:Assistant";

    /// <summary>Prefix that marks a pattern as a regular expression; any other pattern is a keyword or phrase.</summary>
    public const string RegexPrefix = "re:";

    public string Greeting { get; set; } =
        "Hello! I'm the virtual assistant, an automated helper, not a person. Tell me in a few words what's wrong and I'll suggest what to try. You can choose “Talk to a person” at any time.";

    /// <summary>Said when nothing matches; <c>{topics}</c> becomes the list of intent titles.</summary>
    public string Fallback { get; set; } =
        "Sorry, I didn't recognise that. I can help with {topics}. Tell me a little more, or choose “Talk to a person” at any time.";

    /// <summary>Longest time one regular-expression pattern may run on one message (1–1000 ms); a timeout counts as no match.</summary>
    public int RegexTimeoutMilliseconds { get; set; } = 100;

    /// <summary>Whether the built-in intents (<see cref="VirtualAssistantDefaults"/>) are used beside the configured ones.</summary>
    public bool IncludeDefaultIntents { get; set; } = true;

    public List<AssistantIntentOptions> Intents { get; set; } = [];

    /// <summary>The intents in force: configured ones in their order, then built-in ones whose key was not configured; disabled ones left out.</summary>
    public IReadOnlyList<AssistantIntentOptions> EffectiveIntents()
    {
        var configuredKeys = Intents.Select(i => i.Key?.Trim()).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var all = IncludeDefaultIntents
            ? Intents.Concat(VirtualAssistantDefaults.Intents().Where(d => !configuredKeys.Contains(d.Key!)))
            : Intents;
        return all.Where(i => i.Enabled).ToList();
    }

    /// <summary>Everything wrong with this configuration, one message each; empty when it is usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (RegexTimeoutMilliseconds is < 1 or > 1000)
        {
            errors.Add($"{Section}:RegexTimeoutMilliseconds must be between 1 and 1000 (it is {RegexTimeoutMilliseconds}).");
        }

        CheckText(errors, "Greeting", Greeting, required: true);
        CheckText(errors, "Fallback", Fallback, required: true);

        var intents = EffectiveIntents();
        if (intents.Count == 0)
        {
            errors.Add($"{Section}: no intents are enabled; the assistant would recognise nothing.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < intents.Count; i++)
        {
            var intent = intents[i];
            var key = intent.Key?.Trim();
            var where = string.IsNullOrEmpty(key) ? $"{Section}:Intents (number {i + 1})" : $"{Section} intent “{key}”";
            if (string.IsNullOrEmpty(key))
            {
                errors.Add($"{where} has no Key.");
            }
            else if (!KeyPattern().IsMatch(key))
            {
                errors.Add($"{where}: the key may only hold lower-case letters, digits and dashes.");
            }
            else if (!seen.Add(key))
            {
                errors.Add($"{where} is configured twice.");
            }

            var patterns = intent.Patterns.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
            if (patterns.Count == 0)
            {
                errors.Add($"{where} has no patterns; give at least one keyword, phrase or “re:” regular expression.");
            }

            foreach (var pattern in patterns)
            {
                if (pattern.StartsWith(RegexPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    var expression = pattern[RegexPrefix.Length..];
                    if (expression.Length == 0)
                    {
                        errors.Add($"{where}: the pattern “{pattern}” has an empty regular expression.");
                        continue;
                    }

                    try
                    {
                        _ = new Regex(expression, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
                    }
                    catch (ArgumentException ex)
                    {
                        errors.Add($"{where}: the pattern “{pattern}” is not a valid regular expression ({ex.Message}).");
                    }
                }
                else if (PhraseMatcher.Tokenize(pattern, keepWildcards: true).Count == 0)
                {
                    errors.Add($"{where}: the pattern “{pattern}” has no letters or digits to match.");
                }
            }

            CheckText(errors, $"intent “{key}” Answer", intent.Answer, required: true);
            CheckText(errors, $"intent “{key}” Title", intent.Title, required: false);
            for (var s = 0; s < intent.Steps.Count; s++)
            {
                var step = intent.Steps[s];
                if (string.IsNullOrWhiteSpace(step.Instruction) || string.IsNullOrWhiteSpace(step.Why))
                {
                    errors.Add($"{where}: step {s + 1} needs both an Instruction and a Why (why it helps).");
                }

                CheckText(errors, $"intent “{key}” step {s + 1} Instruction", step.Instruction, required: false);
                CheckText(errors, $"intent “{key}” step {s + 1} Why", step.Why, required: false);
            }

            if (intent.Category is { } category)
            {
                if (!Enum.IsDefined(category))
                {
                    errors.Add($"{where}: “{category}” is not a case category.");
                }
                else if (CaseCategories.IsSensitive(category) && !intent.Sensitive)
                {
                    errors.Add($"{where}: the category {category} is safety-sensitive, so the intent must be marked Sensitive (it hands off to a person at once).");
                }
            }
            else if (intent.Sensitive)
            {
                errors.Add($"{where} is Sensitive but has no Category; a sensitive intent must say which safety category the chat gets.");
            }
        }

        return errors;
    }

    private void CheckText(List<string> errors, string name, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                errors.Add($"{Section}: {name} is empty.");
            }

            return;
        }

        if (HumanClaim.Find(text, TimeSpan.FromMilliseconds(Math.Clamp(RegexTimeoutMilliseconds, 1, 1000))) is { } claim)
        {
            errors.Add($"{Section}: {name} must not pretend to be a person (“{claim}”); the assistant is always the “{VirtualAssistant.Label}”.");
        }
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();
}

/// <summary>One thing the assistant recognises, and what it answers.</summary>
public sealed class AssistantIntentOptions
{
    /// <summary>Stable key, e.g. <c>sign-in</c>: lower-case letters, digits and dashes.</summary>
    public string? Key { get; set; }

    /// <summary>Short topic for the "I can help with …" list, e.g. "trouble signing in"; none: not listed.</summary>
    public string? Title { get; set; }

    /// <summary>Case-insensitive keywords or phrases (a word ending in * matches any word starting so), or "re:" + a regular expression.</summary>
    public List<string> Patterns { get; set; } = [];

    public string? Answer { get; set; }

    public List<AssistantStepOptions> Steps { get; set; } = [];

    public CaseCategory? Category { get; set; }

    /// <summary>A safety-sensitive intent: the chat goes to a person at once, with its category.</summary>
    public bool Sensitive { get; set; }

    /// <summary>Hand the chat to a person at once (e.g. "talk to a person"); sensitive intents always do.</summary>
    public bool HandOff { get; set; }

    public bool Enabled { get; set; } = true;
}

public sealed class AssistantStepOptions
{
    public string? Instruction { get; set; }

    public string? Why { get; set; }
}
