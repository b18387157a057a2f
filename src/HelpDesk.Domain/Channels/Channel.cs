namespace HelpDesk.Domain.Channels;

/// <summary>Where a contact came from.</summary>
public enum Channel
{
    Portal,
    Email,
    Chat,
    Phone,
}
