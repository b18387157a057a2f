namespace HelpDesk.Domain.Cases;

public sealed partial class Case
{
    /// <summary>
    /// The line on the timeline when the person who wrote to us confirmed their address with an account: from now on the
    /// case is in their portal (ADR 0113).
    /// </summary>
    public Interaction AddAccountClaimed(DateTimeOffset now) =>
        Append(SystemEntry("The subscriber confirmed this email address with a HelpDesk account; this case now shows in their portal.", Visibility.Public, now), now);
}
