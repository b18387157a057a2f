namespace HelpDesk.Application.Cases;

/// <summary>A promise to get back to the subscriber by <see cref="DueAt"/> (shown to the subscriber too).</summary>
public sealed record PendingFollowUp(Guid Id, DateTimeOffset DueAt, string AgentName, string? Note);
