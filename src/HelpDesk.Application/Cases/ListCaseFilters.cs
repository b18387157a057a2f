using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using HelpDesk.Application.Agents;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Agents;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// The case list's pickers in one request and one SQL statement (ADR 0130): the queue names of
/// <see cref="ListQueues"/> without counts (the configured queues the caller's tiers can work, then the unconfigured
/// queues still holding active cases the caller may open) and the active staff of <see cref="ListAgents"/>, in the same
/// orders. The case list page asked for them as two requests sending three statements on every view.
/// </summary>
public static class ListCaseFilters
{
    public sealed record Query : IQuery<Result>, IRequireStaff;

    public sealed record Result(IReadOnlyList<string> QueueNames, IReadOnlyList<ListAgents.AgentSummary> Agents);

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user) : IQueryHandler<Query, Result>
    {
        // The three reads of ListQueues (configured queues; the loose index scan of the active (queue, tier) pairs) and
        // ListAgents, as one JSON document; {0} is the caller's tiers (a parameter).
        private static readonly string Sql = $$"""
            SELECT json_build_object(
                'configured', (SELECT coalesce(json_agg(q.name ORDER BY q.sort_order, q.name), '[]') FROM queues q WHERE q.tier = ANY({0})),
                'active', ({{ListQueues.ActivePairsSql}}),
                'agents', (SELECT coalesce(json_agg(json_build_object('id', a.id, 'name', a.first_name || ' ' || a.last_name, 'tier', a.tier)), '[]')
                           FROM agents a WHERE a.deactivated_at IS NULL)
            )::text AS "Value"
            """;

        private static readonly JsonSerializerOptions Json = new()
        {
            PropertyNameCaseInsensitive = true,
            Converters = { new JsonStringEnumConverter() },
        };

        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            var tiers = CaseAccess.TiersOpenTo(user);
            var names = tiers.Select(t => t.ToString()).ToArray();
            var json = (await db.Database.SqlQuery<string>(FormattableStringFactory.Create(Sql, [names])).ToListAsync(cancellationToken)).Single();
            var document = JsonSerializer.Deserialize<Document>(json, Json)!;

            var queues = document.Configured
                .Concat(ListQueues.UnconfiguredHolding(document.Configured, document.Active.Select(p => (p[0], p[1])), names).Select(h => h.Queue))
                .ToList();
            // A deactivated person is given no work (issue 19); ordered as ListAgents orders them.
            var agents = ListAgents.InPickerOrder(document.Agents.Select(a => new ListAgents.AgentSummary(a.Id, a.Name, a.Tier)));
            return new Result(queues, agents);
        }

        private sealed class Document
        {
            public List<string> Configured { get; init; } = [];
            public List<string[]> Active { get; init; } = [];
            public List<AgentRow> Agents { get; init; } = [];
        }

        private sealed class AgentRow
        {
            public Guid Id { get; init; }
            public string Name { get; init; } = string.Empty;
            public AgentTier Tier { get; init; }
        }
    }
}
