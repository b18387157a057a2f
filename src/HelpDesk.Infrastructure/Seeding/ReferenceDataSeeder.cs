using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Macros;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Seeding;

/// <summary>
/// The queues, routing rules, SLA policies and starter macros every installation needs. Each kind is added only
/// when its table is empty, so an administrator's changes are never overwritten.
/// </summary>
public static class ReferenceDataSeeder
{
    public static async Task EnsureAsync(HelpDeskDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = DateTimeOffset.UtcNow;
        if (!await db.Queues.AnyAsync(cancellationToken))
        {
            db.Queues.AddRange(WorkQueue.Defaults());
            await db.SaveChangesAsync(cancellationToken);
        }

        if (!await db.RoutingRules.AnyAsync(cancellationToken))
        {
            db.RoutingRules.AddRange(RoutingRule.Defaults());
        }

        if (!await db.SlaPolicies.AnyAsync(cancellationToken))
        {
            db.SlaPolicies.AddRange(DefaultSlaPolicies());
        }

        if (!await db.Macros.AnyAsync(cancellationToken))
        {
            db.Macros.AddRange(StarterMacros(now));
        }

        if (!await db.CreditAuthorityPolicies.AnyAsync(cancellationToken))
        {
            db.CreditAuthorityPolicies.Add(CreditAuthorityDefaults.Policy(now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Urgent and high run around the clock; normal and low follow the support centre's hours.</summary>
    public static IReadOnlyList<SlaPolicy> DefaultSlaPolicies()
    {
        var weekdays = new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };
        var hours = weekdays.Select(d => new BusinessHours(d, new TimeOnly(8, 0), new TimeOnly(20, 0)))
            .Append(new BusinessHours(DayOfWeek.Saturday, new TimeOnly(9, 0), new TimeOnly(17, 0)));
        // UK bank holidays (the support centre's calendar); administrators extend the list.
        DateOnly[] holidays =
        [
            new(2026, 12, 25), new(2026, 12, 28), new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29),
            new(2027, 5, 3), new(2027, 5, 31), new(2027, 8, 30), new(2027, 12, 27), new(2027, 12, 28),
        ];
        var office = new BusinessCalendar("Europe/London", hours, holidays);
        return
        [
            SlaPolicy.Create("Urgent (24/7)", CasePriority.Urgent, TimeSpan.FromHours(1), TimeSpan.FromHours(2), TimeSpan.FromHours(24)),
            SlaPolicy.Create("High (24/7)", CasePriority.High, TimeSpan.FromHours(4), TimeSpan.FromHours(8), TimeSpan.FromDays(2)),
            SlaPolicy.Create("Normal (business hours)", CasePriority.Normal, TimeSpan.FromHours(8), TimeSpan.FromHours(12), TimeSpan.FromHours(60), office),
            SlaPolicy.Create("Low (business hours)", CasePriority.Low, TimeSpan.FromHours(24), TimeSpan.FromHours(24), TimeSpan.FromHours(120), office),
            SlaPolicy.Create("Live chat, normal", CasePriority.Normal, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(5), TimeSpan.FromHours(8), channel: Domain.Channels.Channel.Chat),
        ];
    }

    private static IEnumerable<Macro> StarterMacros(DateTimeOffset now) =>
    [
        Macro.Create(
            "Ask for device model and connection",
            "Hi {{subscriber.first_name}}, could you tell me the model and year of the device, and whether it is on Wi-Fi or a cable? — {{agent.first_name}}",
            "Some older TVs have a known Wi-Fi problem; knowing the model and connection tells us whether the fix is an update or a setting.",
            null, now),
        Macro.Create(
            "Update the app first",
            "Hi {{subscriber.first_name}}, please update the app to the latest version and try again. Let me know if it still happens. — {{agent.first_name}}",
            "Most sign-in and playback errors are fixed in the newest version, so updating first saves you the longer checks.",
            null, now),
        Macro.Create(
            "Double charge acknowledged",
            "Hi {{subscriber.first_name}}, I can see the two charges on case {{case.number}}. I have asked billing to refund the duplicate; it reaches your card in 3–5 working days. — {{agent.first_name}}",
            null, null, now),
    ];
}
