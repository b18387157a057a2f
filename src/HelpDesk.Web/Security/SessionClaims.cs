using HelpDesk.Infrastructure.Identity;

namespace HelpDesk.Web.Security;

/// <summary>Claims that tie a cookie or token to its <see cref="AuthSession"/>.</summary>
public static class SessionClaims
{
    public const string Session = "hd:session";

    /// <summary>In a refresh token (and its access token): which refresh token of the family it is.</summary>
    public const string Refresh = "hd:refresh";
}
