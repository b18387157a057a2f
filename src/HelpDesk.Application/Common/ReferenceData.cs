using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common;

/// <summary>
/// What every intake reads and admins rarely change: the enabled routing rules in order, the queues and the SLA
/// policies, as of one <see cref="Version"/> of the <c>reference_data_version</c> row (ADR 0120). Versions come
/// from a sequence, so a rolled-back change never hands its number to a later one. The objects are
/// shared between requests: read them, never change them.
/// </summary>
public sealed record ReferenceSnapshot(
    long Version,
    IReadOnlyList<RoutingRule> EnabledRules,
    IReadOnlyDictionary<string, AgentTier> QueueTiers,
    IReadOnlyList<SlaPolicy> SlaPolicies);

/// <summary>The process-wide copy of the last <see cref="ReferenceSnapshot"/> read (a singleton).</summary>
public sealed class ReferenceDataCache
{
    private volatile ReferenceSnapshot? _current;

    internal ReferenceSnapshot? Current => _current;

    internal void Store(ReferenceSnapshot snapshot) => _current = snapshot;
}

/// <summary>
/// Per request (scoped): the reference data, checked once against the database's version row — one one-row read
/// instead of reading the rules, queues and policies again. A trigger on <c>routing_rules</c>, <c>queues</c> and
/// <c>sla_policies</c> bumps the version in the same transaction as any change (admin pages, SQL, another node), so
/// the first request after the commit reloads. Inside a transaction that changed them, the version read sees that
/// transaction's own bump, so it reads its own changes too.
/// </summary>
public sealed class ReferenceData(IHelpDeskDb db, ReferenceDataCache cache)
{
    private const string VersionSql = "SELECT version AS \"Value\" FROM reference_data_version";
    private ReferenceSnapshot? _scoped;

    public async ValueTask<ReferenceSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (_scoped is { } scoped)
        {
            return scoped;
        }

        var version = await db.Database.SqlQueryRaw<long>(VersionSql).SingleAsync(cancellationToken);
        if (cache.Current is { } cached && cached.Version == version)
        {
            return _scoped = cached;
        }

        // Read after the version: the data is at least as new as the version it is stored under (a later change bumps
        // the version again, so the next request reloads).
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var queues = await db.Queues.AsNoTracking().ToDictionaryAsync(q => q.Name, q => q.Tier, StringComparer.Ordinal, cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var fresh = new ReferenceSnapshot(version, rules, queues, policies);
        cache.Store(fresh);
        return _scoped = fresh;
    }

    /// <summary>Forgets this request's copy (a command that changed reference data reads the new one).</summary>
    public void Refresh() => _scoped = null;
}
