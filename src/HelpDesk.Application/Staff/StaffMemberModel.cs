using HelpDesk.Domain.Agents;

namespace HelpDesk.Application.Staff;

/// <summary>One row of the staff list: a person with an account, or a pending invitation.</summary>
public sealed record StaffMemberModel(
    string? UserId, Guid? InvitationId, Guid? AgentId, string Name, string Email, string Role, AgentTier? Tier, StaffStatus Status,
    DateTimeOffset? LastSignInAt, DateTimeOffset? InvitationExpiresAt, bool TwoFactorEnabled);
