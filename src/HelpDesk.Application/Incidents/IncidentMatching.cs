using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>Who an incident affects, as one SQL statement over indexed columns (ADR 0115).</summary>
public static class IncidentMatching
{
    /// <summary>How long a resolved incident still shows on the status page and the subscriber context.</summary>
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(7);

    /// <summary>
    /// The subscribers <paramref name="scope"/> affects: only the conditions given are added, so PostgreSQL plans each
    /// shape with its index (<c>ix_subscribers_country_plan</c>, <c>ix_subscriber_devices_kind_version</c>,
    /// <c>ix_subscriber_devices_version</c>); the device condition is one semi-join. Same rule as <see cref="IncidentScope.Matches"/>.
    /// </summary>
    public static IQueryable<Subscriber> Affected(IHelpDeskDb db, IncidentScope scope)
    {
        var subscribers = db.Subscribers.AsNoTracking();
        var countries = scope.MatchCountries.ToArray();
        if (countries.Length > 0)
        {
            subscribers = subscribers.Where(s => countries.Contains(s.Country));
        }

        if (scope.Plans.Count > 0)
        {
            var plans = scope.Plans.ToArray();
            subscribers = subscribers.Where(s => plans.Contains(s.Plan));
        }

        if (scope.HasDeviceCondition)
        {
            var devices = db.SubscriberDevices.AsNoTracking();
            if (scope.DeviceKinds.Count > 0)
            {
                var kinds = scope.DeviceKinds.ToArray();
                devices = devices.Where(d => kinds.Contains(d.Kind));
            }

            if (scope.AppVersions.Count > 0)
            {
                var versions = scope.AppVersions.ToArray();
                devices = devices.Where(d => versions.Contains(d.AppVersion));
            }

            subscribers = subscribers.Where(s => devices.Any(d => d.SubscriberId == s.Id));
        }

        return subscribers;
    }

    /// <summary>Affected subscribers we can write to (not an unknown sender's <c>.invalid</c> placeholder).</summary>
    public static IQueryable<Subscriber> Reachable(IQueryable<Subscriber> subscribers) =>
        subscribers.Where(s => !s.Email.EndsWith(".invalid"));

    /// <summary>
    /// Open incidents, and those resolved within <see cref="RecentWindow"/>, that affect one subscriber: the few such
    /// incidents are read once and matched against the subscriber's country, plan and devices in memory.
    /// </summary>
    public static async Task<IReadOnlyList<Incident>> ForSubscriberAsync(
        IHelpDeskDb db, Guid subscriberId, DateTimeOffset now, bool openOnly, bool withUpdates, CancellationToken cancellationToken)
    {
        var incidents = await OpenOrRecentAsync(db, now, openOnly, withUpdates, cancellationToken);
        if (incidents.Count == 0)
        {
            return [];
        }

        // The subscriber's country, plan and devices in one statement.
        var subscriber = await db.Subscribers.AsNoTracking()
            .Where(s => s.Id == subscriberId)
            .Select(s => new
            {
                s.Country,
                s.Plan,
                Devices = db.SubscriberDevices.Where(d => d.SubscriberId == s.Id).Select(d => new { d.Kind, d.AppVersion }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        return subscriber is null
            ? []
            : Affecting(incidents, subscriber.Country, subscriber.Plan, subscriber.Devices.Select(d => (d.Kind, d.AppVersion)));
    }

    /// <summary>
    /// Open incidents and (unless <paramref name="openOnly"/>) those resolved within <see cref="RecentWindow"/>, newest first;
    /// with their updates when <paramref name="withUpdates"/>.
    /// </summary>
    public static async Task<IReadOnlyList<Incident>> OpenOrRecentAsync(
        IHelpDeskDb db, DateTimeOffset now, bool openOnly, bool withUpdates, CancellationToken cancellationToken)
    {
        var since = now - RecentWindow;
        var incidents = new List<Incident>();
        // IHelpDeskDb is the app's DbContext; the compiled statements take it as such.
        var read = withUpdates ? OpenOrRecentWithUpdates((DbContext)db, since, openOnly) : OpenOrRecentOnly((DbContext)db, since, openOnly);
        await foreach (var incident in read.WithCancellation(cancellationToken))
        {
            incidents.Add(incident);
        }

        return incidents;
    }

    /// <summary>Compiled once: the agent case page's incidents panel and the subscriber's banner ask on every view (ADR 0130).</summary>
    private static readonly Func<DbContext, DateTimeOffset, bool, IAsyncEnumerable<Incident>> OpenOrRecentOnly =
        EF.CompileAsyncQuery((DbContext db, DateTimeOffset since, bool openOnly) => db.Set<Incident>().AsNoTracking()
            .Where(i => i.Status == IncidentStatus.Open || (!openOnly && i.ResolvedAt >= since))
            .OrderByDescending(i => i.DeclaredAt)
            .Take(50));

    private static readonly Func<DbContext, DateTimeOffset, bool, IAsyncEnumerable<Incident>> OpenOrRecentWithUpdates =
        EF.CompileAsyncQuery((DbContext db, DateTimeOffset since, bool openOnly) => db.Set<Incident>().AsNoTracking()
            .Include(i => i.Updates)
            .Where(i => i.Status == IncidentStatus.Open || (!openOnly && i.ResolvedAt >= since))
            .OrderByDescending(i => i.DeclaredAt)
            .Take(50));

    /// <summary>Those of <paramref name="incidents"/> whose scope covers a subscriber with this country, plan and devices.</summary>
    public static IReadOnlyList<Incident> Affecting(
        IEnumerable<Incident> incidents, string country, SubscriptionPlan plan, IEnumerable<(DeviceKind Kind, string AppVersion)> devices)
    {
        var seen = devices.ToList();
        return incidents.Where(i => i.Scope.Matches(country, plan, seen)).ToList();
    }
}
