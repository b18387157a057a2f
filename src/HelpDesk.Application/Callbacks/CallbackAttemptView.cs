using HelpDesk.Domain.Callbacks;

namespace HelpDesk.Application.Callbacks;

public sealed record CallbackAttemptView(int Number, string AgentName, CallbackOutcome Outcome, string? Notes, DateTimeOffset At);
