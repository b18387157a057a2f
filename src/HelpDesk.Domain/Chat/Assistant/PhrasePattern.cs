namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>
/// A pattern's words prepared once (the assistant matches every pattern against every chat message): arrays, and whether
/// each word is a prefix ("refund*") decided up front instead of per comparison.
/// </summary>
public sealed class PhrasePattern
{
    private readonly string[] _words;
    private readonly bool[] _prefix;

    private PhrasePattern(string[] words, bool[] prefix)
    {
        _words = words;
        _prefix = prefix;
    }

    public int Count => _words.Length;

    /// <summary>From a pattern's tokens (<see cref="PhraseMatcher.Tokenize"/> with wildcards kept).</summary>
    public static PhrasePattern Of(IReadOnlyList<string> tokens)
    {
        var words = new string[tokens.Count];
        var prefix = new bool[tokens.Count];
        for (var i = 0; i < words.Length; i++)
        {
            prefix[i] = tokens[i].EndsWith('*');
            words[i] = prefix[i] ? tokens[i][..^1] : tokens[i];
        }

        return new PhrasePattern(words, prefix);
    }

    /// <summary>Whether the words appear one after another in <paramref name="text"/> (the text's tokens).</summary>
    public bool IsIn(string[] text)
    {
        if (_words.Length == 0 || _words.Length > text.Length)
        {
            return false;
        }

        for (var start = 0; start + _words.Length <= text.Length; start++)
        {
            var i = 0;
            while (i < _words.Length && Matches(text[start + i], i))
            {
                i++;
            }

            if (i == _words.Length)
            {
                return true;
            }
        }

        return false;
    }

    private bool Matches(string word, int i) =>
        _prefix[i] ? word.StartsWith(_words[i], StringComparison.Ordinal) : string.Equals(word, _words[i], StringComparison.Ordinal);
}
