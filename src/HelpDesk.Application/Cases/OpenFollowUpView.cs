namespace HelpDesk.Application.Cases;

/// <summary>A pending follow-up promise on one of the subscriber's cases.</summary>
public sealed record OpenFollowUpView(Guid CaseId, string CaseNumber, DateTimeOffset DueAt, string AgentName, string? Note, bool Overdue);
