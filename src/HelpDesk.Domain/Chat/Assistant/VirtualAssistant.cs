using System.Text.RegularExpressions;

namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>
/// The virtual assistant: recognises an intent in the subscriber's words by configured keywords, phrases and regular
/// expressions, and answers with that intent's text and steps. Deterministic and free of I/O. It never uses a human name
/// (every reply carries <see cref="Label"/>), and every reply offers "Talk to a person".
/// </summary>
/// <remarks>
/// When several intents match, a safety-sensitive one wins, then a request for a person (which keeps the category of the
/// best topical match, so the chat reaches the right queue), then the intent with the most matching patterns, then the
/// one configured first.
/// </remarks>
public sealed partial class VirtualAssistant : IVirtualAssistant
{
    /// <summary>The name shown on every assistant message. Never a human name.</summary>
    public const string Label = "Virtual assistant";

    /// <summary>Only this much of a message is matched; intents show themselves early.</summary>
    public const int MaxMatchedLength = 4000;

    private readonly VirtualAssistantOptions _options;
    private readonly IReadOnlyList<CompiledIntent> _intents;
    private readonly string _topics;

    public VirtualAssistant(VirtualAssistantOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("The virtual assistant's configuration is not usable: " + string.Join(" ", errors), nameof(options));
        }

        _options = options;
        var timeout = TimeSpan.FromMilliseconds(options.RegexTimeoutMilliseconds);
        _intents = options.EffectiveIntents().Select((intent, order) => new CompiledIntent(intent, order, timeout)).ToList();
        var titles = _intents.Where(i => !string.IsNullOrWhiteSpace(i.Options.Title)).Select(i => i.Options.Title!.Trim()).ToList();
        _topics = titles.Count switch
        {
            0 => "questions about your subscription",
            1 => titles[0],
            _ => string.Join(", ", titles.Take(titles.Count - 1)) + " and " + titles[^1],
        };
    }

    /// <summary>The intents in force, in the order they were configured.</summary>
    public IReadOnlyList<AssistantIntentOptions> Intents => _intents.Select(i => i.Options).ToList();

    public AssistantReply Greet(string language) =>
        new(Label, _options.Greeting.Trim(), [], null, null, HandOff: false, OffersPerson: true);

    public AssistantReply Reply(string subscriberText, string language)
    {
        var text = subscriberText ?? string.Empty;
        if (text.Length > MaxMatchedLength)
        {
            text = text[..MaxMatchedLength];
        }

        var tokens = PhraseMatcher.Tokenize(text).ToArray();
        var matches = _intents
            .Select(intent => (Intent: intent, Score: intent.Score(text, tokens)))
            .Where(m => m.Score > 0)
            .ToList();
        if (matches.Count == 0)
        {
            return Fallback();
        }

        var best = matches
            .OrderByDescending(m => m.Intent.Options.Sensitive)
            .ThenByDescending(m => m.Intent.Options.HandOff)
            .ThenByDescending(m => m.Score)
            .ThenBy(m => m.Intent.Order)
            .First().Intent;

        var category = best.Options.Category ?? matches
            .Where(m => m.Intent.Options.Category is not null)
            .OrderByDescending(m => m.Score).ThenBy(m => m.Intent.Order)
            .Select(m => m.Intent.Options.Category)
            .FirstOrDefault();

        return new AssistantReply(
            Label,
            best.Options.Answer!.Trim(),
            best.Steps,
            best.Options.Key!.Trim(),
            category,
            HandOff: best.Options.Sensitive || best.Options.HandOff,
            OffersPerson: true);
    }

    private AssistantReply Fallback() =>
        new(Label, _options.Fallback.Replace("{topics}", _topics, StringComparison.Ordinal).Trim(), [], null, null, HandOff: false, OffersPerson: true);

    private sealed class CompiledIntent
    {
        private readonly PhrasePattern[] _phrases;
        private readonly IReadOnlyList<Regex> _regexes;

        public CompiledIntent(AssistantIntentOptions options, int order, TimeSpan timeout)
        {
            Options = options;
            Order = order;
            var patterns = options.Patterns.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList();
            _regexes = patterns
                .Where(p => p.StartsWith(VirtualAssistantOptions.RegexPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => new Regex(p[VirtualAssistantOptions.RegexPrefix.Length..], RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, timeout))
                .ToList();
            _phrases = patterns
                .Where(p => !p.StartsWith(VirtualAssistantOptions.RegexPrefix, StringComparison.OrdinalIgnoreCase))
                .Select(p => PhraseMatcher.Tokenize(p, keepWildcards: true))
                .Where(t => t.Count > 0)
                .Select(PhrasePattern.Of)
                .ToArray();
            Steps = options.Steps.Select(s => new AssistantStep(s.Instruction!.Trim(), s.Why!.Trim())).ToList();
        }

        public AssistantIntentOptions Options { get; }

        public int Order { get; }

        public IReadOnlyList<AssistantStep> Steps { get; }

        /// <summary>How many of the intent's patterns match; a regular expression that runs out of time counts as no match.</summary>
        public int Score(string text, string[] tokens)
        {
            var score = 0;
            foreach (var phrase in _phrases)
            {
                if (phrase.IsIn(tokens))
                {
                    score++;
                }
            }

            foreach (var regex in _regexes)
            {
                try
                {
                    if (regex.IsMatch(text))
                    {
                        score++;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // A pathological message must not stall the chat.
                }
            }

            return score;
        }
    }
}
