namespace HelpDesk.Application.Staff;

/// <summary>A new invitation. <see cref="Link"/> is the only copy of the secret link (it is also emailed).</summary>
public sealed record StaffInvitationResult(Guid InvitationId, string Email, DateTimeOffset ExpiresAt, string Link);
