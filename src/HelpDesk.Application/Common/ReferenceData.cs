using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common;

/// <summary>
/// What every intake reads and admins rarely change: the enabled routing rules in order, the queues and the SLA
/// policies (ADR 0120), our mailboxes and the open incidents that link new cases (ADR 0125), as of one
/// <see cref="Version"/> of the <c>reference_data_version</c> row. Versions come from a sequence, so a rolled-back
/// change never hands its number to a later one. The objects are shared between requests: read them, never change them.
/// </summary>
public sealed record ReferenceSnapshot(
    long Version,
    IReadOnlyList<RoutingRule> EnabledRules,
    IReadOnlyDictionary<string, AgentTier> QueueTiers,
    IReadOnlyList<SlaPolicy> SlaPolicies,
    IReadOnlyDictionary<Guid, MailboxRoute> Mailboxes,
    IReadOnlyList<OpenIncidentScope> OpenIncidents)
{
    /// <summary>Our mailboxes' addresses (loop check, Reply-To check, participants), derived once from <see cref="Mailboxes"/>.</summary>
    public IReadOnlySet<string> MailboxAddresses { get; } = Mailboxes.Values.Select(m => m.Address).ToHashSet(StringComparer.Ordinal);
}

/// <summary>What inbound mail needs of a mailbox: its name and the queue its new cases go to (empty: the routing rules).</summary>
public sealed record MailboxRoute(Guid Id, string Name, string Address, string DefaultQueueKey);

/// <summary>
/// An open incident that links new cases automatically: who it affects and in which categories (only the columns the
/// version trigger on <c>incidents</c> watches; title, text and updates are not here).
/// </summary>
public sealed record OpenIncidentScope(Guid Id, IReadOnlyList<CaseCategory> LinkedCategories, IncidentScope Scope);

/// <summary>The process-wide copy of the last <see cref="ReferenceSnapshot"/> read (a singleton).</summary>
public sealed class ReferenceDataCache
{
    private volatile ReferenceSnapshot? _current;

    internal ReferenceSnapshot? Current => _current;

    internal void Store(ReferenceSnapshot snapshot) => _current = snapshot;
}

/// <summary>
/// Per request (scoped): the reference data, checked once against the database's version row — one one-row read
/// instead of reading the rules, queues, policies, mailboxes and open incidents again. Triggers on <c>routing_rules</c>,
/// <c>queues</c>, <c>sla_policies</c>, <c>mailboxes</c> (address, name, default queue) and <c>incidents</c> (status,
/// scope, categories) bump the version in the same transaction as any change (admin pages, SQL, another node), so
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

        return await GetAsync(await db.Database.SqlQueryRaw<long>(VersionSql).SingleAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// As <see cref="GetAsync(CancellationToken)"/>, with the version row already read by the caller in this request's
    /// transaction (intake reads it with the case number: <see cref="Abstractions.IHelpDeskDb.NextCaseNumberAndReferenceVersionAsync"/>, ADR 0128).
    /// </summary>
    public async ValueTask<ReferenceSnapshot> GetAsync(long version, CancellationToken cancellationToken)
    {
        if (_scoped is { } scoped)
        {
            return scoped;
        }

        if (cache.Current is { } cached && cached.Version == version)
        {
            return _scoped = cached;
        }

        // Read after the version: the data is at least as new as the version it is stored under (a later change bumps
        // the version again, so the next request reloads).
        var rules = await db.RoutingRules.AsNoTracking().Where(r => r.Enabled).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var queues = await db.Queues.AsNoTracking().ToDictionaryAsync(q => q.Name, q => q.Tier, StringComparer.Ordinal, cancellationToken);
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(cancellationToken);
        var mailboxes = await db.Mailboxes.AsNoTracking()
            .Select(m => new MailboxRoute(m.Id, m.Name, m.Address, m.DefaultQueueKey))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        var incidents = (await db.Incidents.AsNoTracking()
                .Where(i => i.Status == IncidentStatus.Open && i.Categories.Count > 0)
                .ToListAsync(cancellationToken))
            .Select(i => new OpenIncidentScope(i.Id, i.LinkedCategories, i.Scope))
            .ToList();
        var fresh = new ReferenceSnapshot(version, rules, queues, policies, mailboxes, incidents);
        cache.Store(fresh);
        return _scoped = fresh;
    }

    /// <summary>Forgets this request's copy (a command that changed reference data reads the new one).</summary>
    public void Refresh() => _scoped = null;
}
