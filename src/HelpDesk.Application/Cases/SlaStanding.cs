using System.Linq.Expressions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;

namespace HelpDesk.Application.Cases;

/// <summary>How a case stands against its SLA as the console shows and filters it.</summary>
public enum SlaStanding
{
    Ok,
    Warning,
    Breached,
    Paused,
}

/// <summary>
/// One classification for rows, filters and queue counts. A deadline or warning point that has passed counts
/// even before the sweeper records it, so the console never shows a late case as fine.
/// Order: breached, then warning, then paused (waiting for the subscriber), else ok.
/// </summary>
public static class SlaStandings
{
    public static bool TryParse(string? text, out SlaStanding standing) => CaseInput.TryParse(text, out standing);

    public static SlaStanding Of(
        SlaState response, SlaState resolution, DateTimeOffset? responseDue, DateTimeOffset? responseWarn,
        DateTimeOffset? resolutionDue, DateTimeOffset? resolutionWarn, DateTimeOffset? pausedAt, DateTimeOffset now)
    {
        if (response == SlaState.Breached || resolution == SlaState.Breached || responseDue <= now || resolutionDue <= now)
        {
            return SlaStanding.Breached;
        }

        if (response == SlaState.Warning || resolution == SlaState.Warning || responseWarn <= now || resolutionWarn <= now)
        {
            return SlaStanding.Warning;
        }

        return pausedAt is not null ? SlaStanding.Paused : SlaStanding.Ok;
    }

    /// <summary>The next SLA deadline (first/next response or resolution), if one runs.</summary>
    public static DateTimeOffset? DueAt(DateTimeOffset? responseDue, DateTimeOffset? resolutionDue) =>
        responseDue is null ? resolutionDue : resolutionDue is null ? responseDue : responseDue < resolutionDue ? responseDue : resolutionDue;

    // Null checks are spelled out so negation keeps C# meaning in SQL (NOT (NULL <= x) is not true).
    public static Expression<Func<Case, bool>> Breached(DateTimeOffset now) =>
        c => c.ResponseSla == SlaState.Breached || c.ResolutionSla == SlaState.Breached
            || (c.ResponseDueAt != null && c.ResponseDueAt <= now) || (c.ResolutionDueAt != null && c.ResolutionDueAt <= now);

    /// <summary>Warning or breached: the case needs attention.</summary>
    public static Expression<Func<Case, bool>> AtRisk(DateTimeOffset now) =>
        c => c.ResponseSla != SlaState.Ok || c.ResolutionSla != SlaState.Ok
            || (c.ResponseWarnAt != null && c.ResponseWarnAt <= now) || (c.ResolutionWarnAt != null && c.ResolutionWarnAt <= now)
            || (c.ResponseDueAt != null && c.ResponseDueAt <= now) || (c.ResolutionDueAt != null && c.ResolutionDueAt <= now);

    /// <summary>Cases whose classification (see <see cref="Of"/>) is <paramref name="standing"/>.</summary>
    public static Expression<Func<Case, bool>> Is(SlaStanding standing, DateTimeOffset now) => standing switch
    {
        SlaStanding.Breached => Breached(now),
        SlaStanding.Warning => c =>
            !(c.ResponseSla == SlaState.Breached || c.ResolutionSla == SlaState.Breached
                || (c.ResponseDueAt != null && c.ResponseDueAt <= now) || (c.ResolutionDueAt != null && c.ResolutionDueAt <= now))
            && (c.ResponseSla == SlaState.Warning || c.ResolutionSla == SlaState.Warning
                || (c.ResponseWarnAt != null && c.ResponseWarnAt <= now) || (c.ResolutionWarnAt != null && c.ResolutionWarnAt <= now)),
        SlaStanding.Paused => c => c.SlaPausedAt != null
            && !(c.ResponseSla != SlaState.Ok || c.ResolutionSla != SlaState.Ok
                || (c.ResponseWarnAt != null && c.ResponseWarnAt <= now) || (c.ResolutionWarnAt != null && c.ResolutionWarnAt <= now)
                || (c.ResponseDueAt != null && c.ResponseDueAt <= now) || (c.ResolutionDueAt != null && c.ResolutionDueAt <= now)),
        _ => c => c.SlaPausedAt == null
            && !(c.ResponseSla != SlaState.Ok || c.ResolutionSla != SlaState.Ok
                || (c.ResponseWarnAt != null && c.ResponseWarnAt <= now) || (c.ResolutionWarnAt != null && c.ResolutionWarnAt <= now)
                || (c.ResponseDueAt != null && c.ResponseDueAt <= now) || (c.ResolutionDueAt != null && c.ResolutionDueAt <= now)),
    };
}
