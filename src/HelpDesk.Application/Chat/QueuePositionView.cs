namespace HelpDesk.Application.Chat;

public sealed record QueuePositionView(Guid ChatId, int Position, int EstimatedWaitSeconds);
