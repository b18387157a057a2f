using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Staff;

/// <summary>What an invitation link shows before the invitee chooses a password.</summary>
public sealed record StaffInvitationView(string Email, string FirstName, string Role, AgentTier? Tier);
