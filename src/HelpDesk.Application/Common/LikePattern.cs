namespace HelpDesk.Application.Common;

/// <summary>Makes user text safe inside a LIKE/ILIKE pattern: its % and _ match themselves.</summary>
public static class LikePattern
{
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
