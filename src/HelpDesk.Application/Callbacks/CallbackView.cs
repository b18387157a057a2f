using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Callbacks;

/// <summary>A callback as its subscriber or staff see it.</summary>
/// <param name="Position">1-based place among waiting callbacks; null unless waiting.</param>
/// <param name="EstimatedCallAt">When we expect to call, from the promised window and the queue ahead; null unless waiting.</param>
/// <param name="Phone">The number we call (staff and the subscriber themselves).</param>
/// <param name="Attempts">Calls made; notes are shown to staff only.</param>
public sealed record CallbackView(
    Guid Id,
    Guid CaseId,
    string CaseNumber,
    string Phone,
    string Topic,
    CasePriority Priority,
    CallbackStatus Status,
    CallbackSource Source,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string TimeZoneId,
    DateTimeOffset DueAt,
    int AttemptCount,
    int MaxAttempts,
    int? Position,
    DateTimeOffset? EstimatedCallAt,
    Guid? ClaimedById,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EndedAt,
    IReadOnlyList<CallbackAttemptView> Attempts);
