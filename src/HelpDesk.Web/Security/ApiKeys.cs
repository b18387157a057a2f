using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Web.Security;

/// <summary>
/// The one check of a machine caller's API key (the mail gateway's inbound key, the telephony provider's key): both had
/// their own copy, and the copies had drifted (issue 18: one ignored short keys and over-long input, one did not).
/// </summary>
public static class ApiKeys
{
    /// <summary>Shorter configured keys are ignored: guessable, and never what a generator produces.</summary>
    public const int MinimumLength = 16;

    /// <summary>Longer presented values are refused before any hashing.</summary>
    public const int MaximumLength = 512;

    /// <summary>Whether <paramref name="presented"/> is one of <paramref name="keys"/>, compared in constant time (hashes of equal length).</summary>
    public static bool Accepts(string? presented, IEnumerable<string>? keys)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > MaximumLength || keys is null)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in keys.Where(k => k is { Length: >= MinimumLength }))
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
