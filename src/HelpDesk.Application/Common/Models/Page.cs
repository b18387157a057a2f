using System.Globalization;
using System.Text;

namespace HelpDesk.Application.Common.Models;

/// <summary>One page of a keyset-paged list. <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>Opaque keyset cursor over (timestamp, id), newest first.</summary>
public readonly record struct KeysetCursor(DateTimeOffset At, Guid Id)
{
    public string Encode() => CursorText.Encode(At, Id.ToString("N"));

    public static bool TryDecode(string? text, out KeysetCursor cursor)
    {
        cursor = default;
        if (!CursorText.TryDecode(text, out var at, out var key) || !Guid.TryParseExact(key, "N", out var id))
        {
            return false;
        }

        cursor = new KeysetCursor(at, id);
        return true;
    }
}

/// <summary>The text form shared by keyset cursors: URL-safe base64 of "utc-ticks:key". Forged text decodes to nothing.</summary>
public static class CursorText
{
    public static string Encode(DateTimeOffset at, string key) => ToUrlSafe($"{at.UtcTicks.ToString(CultureInfo.InvariantCulture)}:{key}");

    /// <summary>URL-safe base64 (no padding) of the UTF-8 text.</summary>
    public static string ToUrlSafe(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The text back from <see cref="ToUrlSafe"/>; false for anything that is not such text.</summary>
    public static bool TryFromUrlSafe(string text, out string decoded)
    {
        decoded = string.Empty;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryDecode(string? text, out DateTimeOffset at, out string key)
    {
        at = default;
        key = string.Empty;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 100)
        {
            return false;
        }

        if (!TryFromUrlSafe(text, out var decoded))
        {
            return false;
        }

        var parts = decoded.Split(':');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks <= 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        (at, key) = (new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
        return true;
    }
}
