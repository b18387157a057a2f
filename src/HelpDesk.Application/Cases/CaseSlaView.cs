using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Cases;

/// <summary>
/// The case's SLA as the pages show it. For subscribers the states and the resolution deadline are left out
/// (null): they see when the next reply is due, not our internal targets.
/// </summary>
public sealed record CaseSlaView(
    DateTimeOffset? ResponseDueAt,
    bool FirstResponse,
    bool ResponseOverdue,
    SlaState? ResponseState,
    DateTimeOffset? ResolutionDueAt,
    SlaState? ResolutionState,
    DateTimeOffset? PausedAt)
{
    public bool Paused => PausedAt is not null;
}
