namespace HelpDesk.Web.Security;

/// <summary>API keys of the telephony provider (CTI/IVR), from <c>HelpDesk:Telephony:ApiKeys</c>, sent in <c>X-Api-Key</c>.</summary>
public sealed class TelephonyOptions
{
    public const string Section = "HelpDesk:Telephony";
    public const string Header = "X-Api-Key";

    /// <summary>Accepted keys (each at least 16 characters; shorter ones are ignored). Empty: the IVR API is off.</summary>
    public string[] ApiKeys { get; set; } = [];

    /// <summary>Whether <paramref name="presented"/> is one of the keys (see <see cref="HelpDesk.Web.Security.ApiKeys"/>).</summary>
    public bool Accepts(string? presented) => HelpDesk.Web.Security.ApiKeys.Accepts(presented, ApiKeys);
}
