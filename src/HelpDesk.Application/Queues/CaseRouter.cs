using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;

namespace HelpDesk.Application.Queues;

/// <summary>Places new cases with the routing rules and queues stored in the database.</summary>
public sealed class CaseRouter(ReferenceData reference)
{
    public async Task<Placement> PlaceAsync(
        Channel channel, CaseCategory category, string language, CasePriority priority, CancellationToken cancellationToken)
    {
        // Rules and queues from the shared copy, checked against the database's version once per request (ADR 0120).
        var data = await reference.GetAsync(cancellationToken);
        return CaseRouting.Place(channel, category, language, priority, data.EnabledRules, name => data.QueueTiers.TryGetValue(name, out var tier) ? tier : null);
    }
}
