namespace HelpDesk.Domain.Common;

/// <summary>An alert for one member of staff (SLA warning or breach, missed follow-up, assignment).</summary>
public sealed class Notification
{
    private Notification()
    {
        Kind = Message = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid AgentId { get; private set; }
    public Guid? CaseId { get; private set; }

    /// <summary>Machine-readable kind, e.g. <c>sla.breached</c>, <c>followup.missed</c>.</summary>
    public string Kind { get; private set; }

    public string Message { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }

    public static Notification Create(Guid agentId, Guid? caseId, string kind, string message, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(), AgentId = agentId, CaseId = caseId, Kind = kind, Message = message, CreatedAt = now };

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
