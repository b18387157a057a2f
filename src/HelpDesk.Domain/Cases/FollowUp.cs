namespace HelpDesk.Domain.Cases;

/// <summary>"I will get back to you by …": a dated promise an agent made to the subscriber.</summary>
public sealed class FollowUp
{
    public const int MaxNoteLength = 500;

    private FollowUp()
    {
        AgentName = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid CaseId { get; private set; }
    public Guid AgentId { get; private set; }

    /// <summary>First name and role of the agent who promised, as the subscriber sees it.</summary>
    public string AgentName { get; private set; }

    public DateTimeOffset DueAt { get; private set; }

    /// <summary>What was promised, shown to the subscriber.</summary>
    public string? Note { get; private set; }

    public FollowUpStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was kept, missed or cancelled.</summary>
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>Caller-supplied id that makes a retried promise land once.</summary>
    public Guid? ClientRequestId { get; private set; }

    internal static FollowUp Create(
        Guid caseId, Guid agentId, string agentName, DateTimeOffset dueAt, string? note, DateTimeOffset now, Guid? clientRequestId = null) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            AgentId = agentId,
            AgentName = agentName,
            DueAt = dueAt,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Status = FollowUpStatus.Pending,
            CreatedAt = now,
            ClientRequestId = clientRequestId,
        };

    internal void Keep(DateTimeOffset now) => Settle(FollowUpStatus.Kept, now);

    internal void Miss(DateTimeOffset now) => Settle(FollowUpStatus.Missed, now);

    internal void Cancel(DateTimeOffset now) => Settle(FollowUpStatus.Cancelled, now);

    internal void MoveTo(Guid caseId) => CaseId = caseId;

    private void Settle(FollowUpStatus status, DateTimeOffset now)
    {
        if (Status != FollowUpStatus.Pending)
        {
            return;
        }

        Status = status;
        SettledAt = now;
    }
}

public enum FollowUpStatus
{
    Pending,
    Kept,
    Missed,
    Cancelled,
}
