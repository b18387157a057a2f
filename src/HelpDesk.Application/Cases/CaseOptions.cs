namespace HelpDesk.Application.Cases;

/// <summary>Case lifecycle settings (<c>HelpDesk:Cases</c>).</summary>
public sealed class CaseOptions
{
    public const string Section = "HelpDesk:Cases";

    /// <summary>How long after resolution a subscriber's reply reopens the case; later replies open a linked case.
    /// Resolved cases close automatically when it has passed.</summary>
    public TimeSpan ReopenWindow { get; set; } = TimeSpan.FromDays(7);
}
