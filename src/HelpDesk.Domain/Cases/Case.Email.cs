using HelpDesk.Domain.Channels;

namespace HelpDesk.Domain.Cases;

public sealed partial class Case
{
    /// <summary>
    /// An email from a participant of the case who is not its owner (someone CC'd on an earlier message). Same status
    /// rules as the owner's reply: a resolved case reopens, a case waiting for the subscriber goes back to an agent.
    /// The caller checks <see cref="AcceptsSubscriberReplyAt"/> first (closed or past the window: follow-on case).
    /// </summary>
    public Interaction AddParticipantEmail(Guid? authorSubscriberId, string authorName, string body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorName);
        EnsureNotClosed();
        TakeSubscriberReply(now);
        return Append(Interaction.Create(
            Id, Channel.Email, Direction.Inbound, AuthorKind.Subscriber, authorSubscriberId, authorName,
            Visibility.Public, body.Trim(), now), now);
    }

    /// <summary>An internal note written by the system (e.g. a refused attachment, a suspicious reference).</summary>
    public Interaction AddSystemNote(string text, DateTimeOffset now) => Append(SystemEntry(text, Visibility.Internal, now), now);
}
