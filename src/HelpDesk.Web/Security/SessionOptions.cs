namespace HelpDesk.Web.Security;

/// <summary>How long bearer tokens live (<c>HelpDesk:Auth</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "HelpDesk:Auth";

    /// <summary>Bearer access tokens are short-lived; a client refreshes (single-use refresh tokens) to go on.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
}
