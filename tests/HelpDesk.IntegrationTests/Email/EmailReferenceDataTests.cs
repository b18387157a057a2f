using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Email;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>
/// Email ingest reads our mailbox addresses and the open incidents from the node's copy of the reference data, checked
/// against the version row on each message (ADR 0125, the mechanism of ADR 0120): a mailbox or incident changed anywhere
/// — a command, SQL, another node — is seen by the very next message, and changes that do not matter (an incident's
/// text, a mailbox's poll state) do not throw the copy away.
/// </summary>
public sealed class EmailReferenceDataTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static byte[] Mail(string from, string subject) =>
        MailBuilder.Text(from, subject, "The video keeps buffering.", messageId: $"{Guid.NewGuid():N}@reference-data.example");

    private Task<long> Version() =>
        WithDb(db => db.Database.SqlQueryRaw<long>("SELECT version AS \"Value\" FROM reference_data_version").SingleAsync());

    [Fact]
    public async Task A_mailbox_added_or_readdressed_in_sql_is_seen_by_the_next_message()
    {
        const string address = "cache-box@helpdesk-cache.example";
        // This message loads the node's copy of the reference data: the address is nobody's mailbox yet.
        (await App.Services.IngestAsync(Mail($"Relay <{address}>", "Before the mailbox"))).Outcome.ShouldBe(InboundOutcome.CaseOpened);

        var before = await Version();
        await WithDb(async db =>
        {
            db.Mailboxes.Add(Mailbox.Create("Cache test", address, "General", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });
        (await Version()).ShouldBeGreaterThan(before, "adding a mailbox gives the reference data a new version");

        var loop = await App.Services.IngestAsync(Mail($"Relay <{address}>", "After the mailbox"));
        loop.Outcome.ShouldBe(InboundOutcome.Ignored, "the next message knows the new mailbox: mail from our own address is a loop");
        loop.Reason.ShouldContain("Loop");

        // Poll bookkeeping on the mailbox is not reference data: no new version.
        var polled = await Version();
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE mailboxes SET last_error = 'timeout', enabled = false WHERE address = {address}"));
        (await Version()).ShouldBe(polled);

        // A new address, written by hand: the old one is an ordinary sender again.
        await WithDb(db => db.Database.ExecuteSqlAsync($"UPDATE mailboxes SET address = 'cache-box-2@helpdesk-cache.example' WHERE address = {address}"));
        (await App.Services.IngestAsync(Mail($"Relay <{address}>", "After the new address"))).Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await App.Services.IngestAsync(Mail("Relay <cache-box-2@helpdesk-cache.example>", "From the new address"))).Outcome.ShouldBe(InboundOutcome.Ignored);
    }

    [Fact]
    public async Task An_incident_declared_after_the_copy_was_loaded_links_the_next_case_and_after_it_is_resolved_none()
    {
        // Bob (Spain) writes before any incident: the copy is loaded with no open incident.
        var before = await App.Services.IngestAsync(Mail("Bob Garcia <bob@example.com>", "Nothing plays"));
        before.Outcome.ShouldBe(InboundOutcome.CaseOpened);

        var incident = await SendAs<DeclareIncident.Result>(Demo.Agent2, new DeclareIncident.Command(
            "Playback failing in Spain", "Videos do not start.", "Major", null, null, Countries: ["ES"], Categories: ["Other"]));
        var during = await App.Services.IngestAsync(Mail("Bob Garcia <bob@example.com>", "Still nothing plays"));

        var linked = await WithDb(db => db.IncidentCases.Where(l => l.IncidentId == incident.Id).Select(l => l.CaseId).ToListAsync());
        linked.ShouldBe([during.CaseId!.Value], "the new incident links the next email case; the earlier case stays unlinked");

        // A public update changes the incident's text, not who it affects: the copy stays.
        var version = await Version();
        await SendAs<PostIncidentUpdate.Result>(Demo.Agent2, new PostIncidentUpdate.Command(incident.Id, "We are working on it.", Internal: false));
        (await Version()).ShouldBe(version);

        await SendAs<ResolveIncident.Result>(Demo.Agent2, new ResolveIncident.Command(incident.Id, null, "Fixed."));
        var after = await App.Services.IngestAsync(Mail("Bob Garcia <bob@example.com>", "Playing again, one question"));
        after.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await WithDb(db => db.IncidentCases.CountAsync(l => l.IncidentId == incident.Id))).ShouldBe(1, "a resolved incident links nothing");
    }
}
