using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Cases;

/// <summary>Parses enum names that arrive as text from forms and JSON, refusing numbers and unknown names.</summary>
public static class CaseInput
{
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || char.IsDigit(text.Trim()[0]) || text.Trim()[0] == '-')
        {
            return false;
        }

        return Enum.TryParse(text.Trim(), ignoreCase: true, out value) && Enum.IsDefined(value);
    }

    public static string Names<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetNames<TEnum>());

    /// <summary>The categories in words, with the name the API takes: "Playback problems (Playback), …".</summary>
    public static string CategoryWords() =>
        string.Join(", ", Enum.GetValues<CaseCategory>().Select(c => CaseCategories.Label(c) is var label && label == c.ToString() ? label : $"{CaseCategories.Label(c)} ({c})"));

    public static bool IsCategory(string? text) => TryParse<CaseCategory>(text, out _);

    public static bool IsStatus(string? text) => TryParse<CaseStatus>(text, out _);

    public static bool IsTier(string? text) => TryParse<AgentTier>(text, out _);
}
