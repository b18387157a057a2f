using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;

namespace HelpDesk.Application.Admin;

/// <summary>A routing rule as administrators see it.</summary>
public sealed record RoutingRuleModel(
    int Id,
    int Position,
    string Name,
    bool Enabled,
    Channel? Channel,
    CaseCategory? Category,
    string? Language,
    CasePriority? MinimumPriority,
    string TargetQueue,
    CasePriority? SetPriority)
{
    public static RoutingRuleModel From(RoutingRule r) =>
        new(r.Id, r.Position, r.Name, r.Enabled, r.Channel, r.Category, r.Language, r.MinimumPriority, r.TargetQueue, r.SetPriority);
}
