using System.Text;

namespace HelpDesk.Domain.Chat.Assistant;

/// <summary>Keyword and phrase matching on whole words, ignoring case, punctuation and apostrophes ("can't" = "cant").</summary>
public static class PhraseMatcher
{
    /// <summary>Lower-case words of the text; with <paramref name="keepWildcards"/> a trailing '*' is kept on a word.</summary>
    public static IReadOnlyList<string> Tokenize(string text, bool keepWildcards = false)
    {
        var tokens = new List<string>();
        var current = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                current.Append(char.ToLowerInvariant(c));
            }
            else if (c is '\'' or '’' or '‘')
            {
                // "can't" and "cant" are the same word.
            }
            else if (c == '*' && keepWildcards && current.Length > 0)
            {
                current.Append('*');
                tokens.Add(current.ToString());
                current.Clear();
            }
            else if (current.Length > 0)
            {
                tokens.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            tokens.Add(current.ToString());
        }

        return tokens;
    }

    /// <summary>Whether the phrase's words appear one after another in the text's words.</summary>
    public static bool Contains(IReadOnlyList<string> textTokens, IReadOnlyList<string> phraseTokens) =>
        PhrasePattern.Of(phraseTokens).IsIn(textTokens as string[] ?? [.. textTokens]);
}
