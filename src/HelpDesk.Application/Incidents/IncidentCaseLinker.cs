using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Behaviors;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Incidents;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Incidents;

/// <summary>
/// Before a command's changes are saved: each case it opened (any channel) whose subscriber an open incident affects,
/// in one of that incident's categories, is linked to the incident (ADR 0115). A transaction participant, so
/// no channel has to remember it. The open incidents are the node's copy checked by the reference-data version (a
/// trigger on <c>incidents</c> bumps it when one is declared, resolved or rescoped; ADR 0125): no query when none is open.
/// </summary>
public sealed class IncidentCaseLinker(IHelpDeskDb db, IClock clock, ReferenceData reference) : ITransactionParticipant
{
    public int Order => TransactionStage.AddRows;

    public async ValueTask BeforeSaveAsync(IHelpDeskDb db, CancellationToken cancellationToken) =>
        await LinkNewCasesAsync(cancellationToken);

    public async Task LinkNewCasesAsync(CancellationToken cancellationToken)
    {
        // Only Add makes a case Added (no navigation reaches a case): no change detection needed (ADR 0134).
        var opened = db.ChangeTracker.WithoutDetecting<Case>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        if (opened.Count == 0)
        {
            return;
        }

        var open = (await reference.GetAsync(cancellationToken)).OpenIncidents;
        if (open.Count == 0)
        {
            return;
        }

        var now = clock.UtcNow;
        foreach (var @case in opened)
        {
            var candidates = open.Where(i => i.LinkedCategories.Contains(@case.Category)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var subscriber = await db.Subscribers.FindAsync([@case.SubscriberId], cancellationToken);
            if (subscriber is null)
            {
                continue;
            }

            var devices = (await db.SubscriberDevices.AsNoTracking()
                    .Where(d => d.SubscriberId == subscriber.Id)
                    .Select(d => new { d.Kind, d.AppVersion })
                    .ToListAsync(cancellationToken))
                .Select(d => (d.Kind, d.AppVersion)).ToList();
            foreach (var incident in candidates.Where(i => i.Scope.Matches(subscriber.Country, subscriber.Plan, devices)))
            {
                db.IncidentCases.Add(IncidentCase.Link(incident.Id, @case.Id, automatic: true, Actor.System.Name, now));
                db.AuditEvents.Add(AuditEvent.Record(
                    now, Actor.System, "incident.case_linked", "incident", incident.Id.ToString(), @case.Id,
                    AuditData.Of(("case", null, @case.DisplayNumber), ("how", null, "automatic"))));
            }
        }
    }
}
