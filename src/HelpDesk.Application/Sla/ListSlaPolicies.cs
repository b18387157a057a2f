using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Sla;

/// <summary>The SLA policies in force: targets per priority (and channel) and the calendar each one runs on.</summary>
public static class ListSlaPolicies
{
    public sealed record Query : IQuery<IReadOnlyList<PolicyModel>>, IRequireStaff;

    /// <param name="Channel">Set when the policy applies to one channel only (it wins over the priority's general policy).</param>
    /// <param name="Hours">Opening windows in <paramref name="TimeZoneId"/>; empty when the clock runs around the clock.</param>
    public sealed record PolicyModel(
        Guid Id,
        string Name,
        CasePriority Priority,
        Channel? Channel,
        TimeSpan FirstResponse,
        TimeSpan NextResponse,
        TimeSpan Resolution,
        int WarningPercent,
        string TimeZoneId,
        bool Is24x7,
        IReadOnlyList<HoursModel> Hours,
        IReadOnlyList<DateOnly> Holidays);

    public sealed record HoursModel(DayOfWeek Day, TimeOnly Open, TimeOnly Close);

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<PolicyModel>>
    {
        public async ValueTask<IReadOnlyList<PolicyModel>> Handle(Query query, CancellationToken cancellationToken) =>
            await ReadAsync(db, cancellationToken);
    }

    /// <summary>Every policy, most urgent priority first, general before channel-specific (shared with the admin list).</summary>
    public static async Task<IReadOnlyList<PolicyModel>> ReadAsync(IHelpDeskDb db, CancellationToken cancellationToken)
    {
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        return policies
            .OrderByDescending(p => p.Priority).ThenBy(p => p.Channel.HasValue).ThenBy(p => p.Channel).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(ToModel)
            .ToList();
    }

    public static PolicyModel ToModel(SlaPolicy p) =>
        new(
            p.Id, p.Name, p.Priority, p.Channel, p.FirstResponse, p.NextResponse, p.Resolution, p.WarningPercent, p.TimeZoneId,
            p.Hours.Count == 0,
            // Monday first, as a working week reads.
            p.Hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Open).Select(h => new HoursModel(h.Day, h.Open, h.Close)).ToList(),
            p.Holidays.Order().ToList());
}
