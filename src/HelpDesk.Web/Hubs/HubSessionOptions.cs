namespace HelpDesk.Web.Hubs;

/// <summary>How often open hub connections are checked against their sign-in session (<c>HelpDesk:Realtime</c>).</summary>
public sealed class HubSessionOptions
{
    public const string Section = "HelpDesk:Realtime";

    /// <summary>
    /// Seconds between checks of every signed-in hub connection; a connection whose session was signed out, revoked, or
    /// ended by a password or security-stamp change is closed. 0 turns the periodic check off (each hub call is still
    /// checked). Default 30.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 30;
}
