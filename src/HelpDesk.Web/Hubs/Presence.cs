namespace HelpDesk.Web.Hubs;

/// <summary>What other viewers of a case receive: who, and whether they are viewing, typing or gone.</summary>
public sealed record Presence(Guid CaseId, Guid AgentId, string? Label, PresenceState State);
