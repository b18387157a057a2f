using HelpDesk.Domain.Agents;

namespace HelpDesk.Web.Hubs;

/// <summary>Where to send a chat: one agent or a tier's queue, with a note for the next person.</summary>
public sealed record TransferChatRequest(Guid? ToAgentId, AgentTier? ToTier, string? Note);
