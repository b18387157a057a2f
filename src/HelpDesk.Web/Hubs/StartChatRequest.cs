namespace HelpDesk.Web.Hubs;

/// <summary>The start-chat request as the hub and the API take it (ADR 0106).</summary>
public sealed record StartChatRequest(string? GuestName, string? GuestEmail, string? Language, Guid? CaseId, string? FirstMessage);
