using System.Security.Cryptography;
using System.Text;

namespace HelpDesk.Web.Security;

/// <summary>API keys of the telephony provider (CTI/IVR), from <c>HelpDesk:Telephony:ApiKeys</c>, sent in <c>X-Api-Key</c>.</summary>
public sealed class TelephonyOptions
{
    public const string Section = "HelpDesk:Telephony";
    public const string Header = "X-Api-Key";

    /// <summary>Accepted keys (each at least 16 characters; shorter ones are ignored). Empty: the IVR API is off.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Whether <paramref name="presented"/> is one of the keys (compared in constant time).</summary>
    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented) || presented.Length > 512)
        {
            return false;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        var match = false;
        foreach (var key in ApiKeys.Where(k => k is { Length: >= 16 }))
        {
            match |= CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
        }

        return match;
    }
}
