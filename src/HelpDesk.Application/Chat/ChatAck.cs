namespace HelpDesk.Application.Chat;

/// <summary>The delivery acknowledgement of a sent message (the same for a retry with the same client message id).</summary>
public sealed record ChatAck(Guid ChatId, Guid ClientMessageId, long Seq, DateTimeOffset At, bool Duplicate);
