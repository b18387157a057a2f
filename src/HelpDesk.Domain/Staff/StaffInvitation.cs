using System.Security.Cryptography;
using System.Text;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Staff;

public enum StaffInvitationStatus
{
    Pending,
    Accepted,
    Revoked,
    Expired,
}

/// <summary>
/// An administrator's invitation for a new member of staff: a role and tier, and a single-use link that expires. Only the
/// SHA-256 of the link's token is kept, so the database cannot be used to accept an invitation.
/// </summary>
public sealed class StaffInvitation
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);
    public const int MaxNameLength = 100;

    private StaffInvitation()
    {
        Email = FirstName = LastName = Role = TokenHash = InvitedByName = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Email { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }

    /// <summary>Agent, Supervisor or Admin (the Identity role the account gets).</summary>
    public string Role { get; private set; }

    /// <summary>The work tier for agents and supervisors; null for administrators (they work no cases).</summary>
    public AgentTier? Tier { get; private set; }

    public string TokenHash { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public string? InvitedById { get; private set; }
    public string InvitedByName { get; private set; }
    public DateTimeOffset? AcceptedAt { get; private set; }
    public string? UserId { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    public StaffInvitationStatus StatusAt(DateTimeOffset now) =>
        AcceptedAt is not null ? StaffInvitationStatus.Accepted
        : RevokedAt is not null ? StaffInvitationStatus.Revoked
        : now >= ExpiresAt ? StaffInvitationStatus.Expired
        : StaffInvitationStatus.Pending;

    /// <param name="token">The secret for the link (returned once; only its hash is stored).</param>
    public static StaffInvitation Create(
        string email, string firstName, string lastName, string role, AgentTier? tier, string? invitedById, string invitedByName, DateTimeOffset now,
        out string token)
    {
        token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new StaffInvitation
        {
            Id = Guid.CreateVersion7(),
            Email = email.Trim().ToLowerInvariant(),
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            Role = role,
            Tier = tier,
            TokenHash = HashToken(token),
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedById = invitedById,
            InvitedByName = invitedByName,
        };
    }

    public static string HashToken(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTimeOffset now)
    {
        if (StatusAt(now) != StaffInvitationStatus.Pending)
        {
            throw new DomainRuleException("staff.invitation_not_pending", "Only a pending invitation can be revoked.");
        }

        RevokedAt = now;
    }

    public void Accept(string userId, DateTimeOffset now)
    {
        if (StatusAt(now) != StaffInvitationStatus.Pending)
        {
            throw new DomainRuleException("staff.invitation_not_pending", "This invitation link is no longer valid.");
        }

        AcceptedAt = now;
        UserId = userId;
    }
}
