using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Queues;

/// <summary>Places new cases with the routing rules and queues stored in the database.</summary>
public sealed class CaseRouter(IHelpDeskDb db)
{
    public async Task<Placement> PlaceAsync(
        Channel channel, CaseCategory category, string language, CasePriority priority, CancellationToken cancellationToken)
    {
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var queues = await db.Queues.AsNoTracking().ToDictionaryAsync(q => q.Name, q => q.Tier, StringComparer.Ordinal, cancellationToken);
        return CaseRouting.Place(channel, category, language, priority, rules, name => queues.TryGetValue(name, out var tier) ? tier : null);
    }
}
