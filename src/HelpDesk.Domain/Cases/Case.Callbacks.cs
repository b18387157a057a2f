using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Cases;

public sealed partial class Case
{
    /// <summary>A phone-callback event on the timeline (request, claim, call attempt, outcome, telephony event).</summary>
    public Interaction AddCallbackEntry(string text, Visibility visibility, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Append(Interaction.Create(Id, Channel.Phone, Direction.Internal, AuthorKind.System, null, "HelpDesk", visibility, text, now), now);
    }

    /// <summary>
    /// The assignee left (deactivated, or no longer works cases): the case goes back to its queue unassigned, with an
    /// internal line on the timeline saying why.
    /// </summary>
    public Interaction ReturnToQueue(string why, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(why);
        AssigneeId = null;
        Assignee = null;
        UpdatedAt = now;
        MarkSlaDirty();
        return Append(Interaction.Create(Id, Channel, Direction.Internal, AuthorKind.System, null, "HelpDesk", Visibility.Internal, why, now), now);
    }
}
