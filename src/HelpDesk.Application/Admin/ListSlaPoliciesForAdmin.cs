using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>The SLA policies, for administrators (who have no agent profile, so the staff list is closed to them).</summary>
public static class ListSlaPoliciesForAdmin
{
    public sealed record Query : IQuery<IReadOnlyList<ListSlaPolicies.PolicyModel>>, IRequireAdmin;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<ListSlaPolicies.PolicyModel>>
    {
        public async ValueTask<IReadOnlyList<ListSlaPolicies.PolicyModel>> Handle(Query query, CancellationToken cancellationToken)
        {
            var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
            return policies
                .OrderByDescending(p => p.Priority).ThenBy(p => p.Channel.HasValue).ThenBy(p => p.Channel)
                .Select(ToModel)
                .ToList();
        }
    }

    public static ListSlaPolicies.PolicyModel ToModel(SlaPolicy p) =>
        new(
            p.Id, p.Name, p.Priority, p.Channel, p.FirstResponse, p.NextResponse, p.Resolution, p.WarningPercent, p.TimeZoneId,
            p.Hours.Count == 0,
            p.Hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Open).Select(h => new ListSlaPolicies.HoursModel(h.Day, h.Open, h.Close)).ToList(),
            p.Holidays.Order().ToList());
}
