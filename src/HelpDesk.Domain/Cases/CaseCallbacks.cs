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
}
