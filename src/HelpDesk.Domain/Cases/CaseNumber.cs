using System.Globalization;

namespace HelpDesk.Domain.Cases;

/// <summary>Formats and parses the public case number, <c>HD-000123</c>.</summary>
public static class CaseNumber
{
    public const string Prefix = "HD-";

    public static string Format(long number) => Prefix + number.ToString("D6", CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out long number)
    {
        number = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            trimmed = trimmed[Prefix.Length..];
        }

        return long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
