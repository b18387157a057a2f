using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Admin;

/// <summary>Where a new case with these facts would go, and which rule decided it.</summary>
/// <param name="Rule">The deciding rule's name; <c>sensitive-category</c> (built in) or <c>default</c> (the channel's Tier 1 queue).</param>
public sealed record RoutingPreview(AgentTier Tier, string Queue, CasePriority Priority, string Rule, int? RuleId, string Explanation);
