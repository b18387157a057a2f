namespace HelpDesk.Domain.Email;

public enum ParticipantRole
{
    /// <summary>The subscriber the case belongs to.</summary>
    Owner,

    /// <summary>Someone on To/Cc of a message on the case; their replies stay on the case.</summary>
    Copied,
}

/// <summary>An email address allowed to write into a case by email (a reference or [HD-…] token from anyone else opens a new case).</summary>
public sealed class CaseParticipant
{
    private CaseParticipant()
    {
        Address = string.Empty;
    }

    public Guid CaseId { get; private set; }

    /// <summary>Lower case.</summary>
    public string Address { get; private set; }

    public string? DisplayName { get; private set; }
    public ParticipantRole Role { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }

    public static CaseParticipant Create(Guid caseId, string address, string? displayName, ParticipantRole role, DateTimeOffset now) =>
        new()
        {
            CaseId = caseId,
            Address = address.Trim().ToLowerInvariant(),
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim()[..Math.Min(displayName.Trim().Length, 200)],
            Role = role,
            AddedAt = now,
        };
}
