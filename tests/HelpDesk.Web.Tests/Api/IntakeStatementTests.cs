using System.Net;
using System.Net.Http.Json;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Api;

/// <summary>
/// Issue 17, intake: the statements one <c>POST /api/v1/cases</c> sends (ADR 0128), counted with an EF Core command
/// interceptor (a batch of inserts is one command, one round trip; BEGIN and COMMIT are not commands). ADR 0120 brought
/// intake from 12 statements to 7 round trips; since the case number and the reference data's version are read in one
/// statement, a new case sends four commands: the session check, the subscriber, number and version, and one batch that
/// inserts the case, its messages, the audit event and the acknowledgement in the outbox. The limit fails if a read
/// comes back; the rest of the test checks that nothing the case owes was dropped to get there.
/// </summary>
public sealed class IntakeStatementTests(StatementCountingApp app, ITestOutputHelper output) : IClassFixture<StatementCountingApp>
{
    private const string Path = "/api/v1/cases";
    private const int Limit = 4;

    [Fact]
    public async Task Opening_a_case_sends_at_most_four_statements_and_still_stores_routes_audits_and_acknowledges_it()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        // Warm up (the reference data copy, prepared statements) with a case of its own.
        (await alice.PostAsJsonAsync(Path, new { subject = "Warm-up", category = "Playback", description = "Warming up." })).StatusCode.ShouldBe(HttpStatusCode.Created);

        app.Statements.Clear();
        var response = await alice.PostAsJsonAsync(Path, new { subject = "Counted intake", category = "Playback", description = "The video keeps buffering." });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        var sent = app.Statements.For(Path);
        output.WriteLine($"POST {Path}: {sent.Count} statements\n" + string.Join("\n---\n", sent));
        sent.Count.ShouldBeGreaterThan(0, "the interceptor saw nothing: the count would prove nothing");
        sent.Count.ShouldBeLessThanOrEqualTo(Limit, string.Join("\n---\n", sent));
        // The full-text columns are outside the EF model (ADR 0131): no statement reads them back after the inserts.
        sent.ShouldAllBe(statement => !statement.Contains("search_vector"), string.Join("\n---\n", sent));

        var id = Guid.Parse(body.GetProperty("id").GetString()!);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var stored = await db.Cases.AsNoTracking().Include(c => c.Interactions).SingleAsync(c => c.Id == id);
        stored.Queue.ShouldNotBeNullOrWhiteSpace();
        body.GetProperty("queue").GetString().ShouldBe(stored.Queue);
        body.GetProperty("number").GetString().ShouldBe(stored.DisplayNumber);
        stored.SlaPolicyId.ShouldNotBeNull("the SLA policy comes from the reference data read with the number");
        stored.ResponseDueAt.ShouldNotBeNull();
        stored.Interactions.ShouldContain(i => i.Body == "The video keeps buffering.");
        (await db.AuditEvents.AsNoTracking().CountAsync(a => a.CaseId == id && a.Action == "case.opened")).ShouldBe(1);
        var acknowledgement = await db.OutboundEmails.AsNoTracking().SingleAsync(e => e.CaseId == id);
        acknowledgement.Kind.ShouldBe(OutboundEmailKind.Acknowledgement);
        acknowledgement.Subject.ShouldContain(stored.DisplayNumber);
        // ... and PostgreSQL still fills them: the new case is found by its subject and its message.
        (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM cases WHERE id = {id} AND search_vector @@ to_tsquery('english', 'counted')").SingleAsync()).ShouldBe(1);
        (await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM interactions WHERE case_id = {id} AND search_vector @@ to_tsquery('english', 'buffering')").SingleAsync()).ShouldBe(1);
    }
}
