namespace HelpDesk.Web.Security;

/// <summary>A sign-in session as a cookie or token names it: the user, the session and the security stamp it was issued with.</summary>
public sealed record SessionKey(string UserId, Guid SessionId, string Stamp);
