using System.Collections.Concurrent;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>The app with every SQL statement it sends recorded against the request that sent it.</summary>
public sealed class StatementCountingApp : HelpDeskAppFactory
{
    public StatementLog Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<HelpDeskDbContext>(options => options.AddInterceptors(Statements)));
    }
}

/// <summary>Records each command EF Core sends (the session check, the layout, the page) with the request path it ran for.</summary>
public sealed class StatementLog : DbCommandInterceptor
{
    private static readonly HttpContextAccessor Http = new();
    private readonly ConcurrentQueue<(string Path, string Sql)> _sent = new();

    public IReadOnlyList<string> For(string path) => [.. _sent.Where(s => s.Path == path).Select(s => s.Sql)];

    public void Clear() => _sent.Clear();

    private void Record(DbCommand command)
    {
        // Background workers have no request; they are not part of any page's cost.
        if (Http.HttpContext?.Request.Path.Value is { } path)
        {
            _sent.Enqueue((path, command.CommandText));
        }
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}

/// <summary>
/// Issue 18 item 6 / issue 17 case-page: one query per screen. The SQL statements sent while rendering a case with 20
/// interactions are counted (session check and layout included) and bounded, so a page that starts reading piece by
/// piece again fails here. Before the workspace read model the agent page sent 41.
/// </summary>
public sealed class CasePageStatementTests(StatementCountingApp app, ITestOutputHelper output) : IClassFixture<StatementCountingApp>
{
    private const int AgentPageLimit = 5;

    private async Task<string> CaseWithTwentyInteractionsAsync()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var opened = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Statement count", category = "Billing", description = "Charged twice in March." })).JsonAsync();
        var id = opened.GetProperty("id").GetString()!;
        var agent = await app.SignedInAsync(Demo.Agent1);
        for (var n = 0; await TimelineCountAsync(agent, id) < 20; n++)
        {
            var response = n % 2 == 0
                ? await agent.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = $"Agent note {n}", @internal = n % 4 == 0 })
                : await alice.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = $"Subscriber reply {n}" });
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        }

        (await TimelineCountAsync(agent, id)).ShouldBe(20);
        return id;
    }

    private static async Task<int> TimelineCountAsync(HttpClient staff, string id) =>
        (await (await staff.GetAsync($"/api/v1/cases/{id}")).JsonAsync()).GetProperty("timeline").GetArrayLength();

    private async Task<IReadOnlyList<string>> StatementsAsync(HttpClient client, string path, string mustContain)
    {
        // The first view may warm caches (antiforgery keys, prepared statements); the count is for a view like every later one.
        (await client.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Statements.Clear();
        var response = await client.GetAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(mustContain);
        var sent = app.Statements.For(path);
        output.WriteLine($"{path}: {sent.Count} statements");
        foreach (var sql in sent)
        {
            output.WriteLine("---\n" + sql);
        }

        return sent;
    }

    [Fact]
    public async Task The_agent_case_page_with_twenty_interactions_and_the_subscriber_context_runs_at_most_five_statements_layout_included()
    {
        var id = await CaseWithTwentyInteractionsAsync();
        var sam = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(sam, Demo.Agent1);

        var sent = await StatementsAsync(sam, $"/Agent/Cases/Details/{id}", "Subscriber reply 1");

        sent.Count.ShouldBeGreaterThan(0, "the interceptor saw nothing: the count would prove nothing");
        sent.Count.ShouldBeLessThanOrEqualTo(AgentPageLimit, string.Join("\n---\n", sent));
    }

    [Fact]
    public async Task The_agent_queue_page_runs_three_statements_layout_included()
    {
        await CaseWithTwentyInteractionsAsync();
        var sam = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(sam, Demo.Agent1);
        var sessionChecks = app.Services.GetRequiredService<HelpDesk.Infrastructure.Identity.SessionCheckCache>();
        await AppProcess.WaitUntilAsync(() => Task.FromResult(sessionChecks.Active), TimeSpan.FromSeconds(15), "the node to listen for session changes (ADR 0133)");

        // The navigation badges, both pickers (ListCaseFilters, ADR 0130) and the queue's first page. The session check's
        // answer from the first view is reused while the node hears the database's session announcements (ADR 0133).
        const string page = "/Agent/Cases?queue=Portal-Tier1";
        (await sam.GetAsync(page)).StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Statements.Clear();
        var response = await sam.GetAsync(page);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Statement count");
        var sent = app.Statements.For("/Agent/Cases");
        output.WriteLine($"{page}: {sent.Count} statements\n" + string.Join("\n---\n", sent));

        sent.Count.ShouldBe(3, string.Join("\n---\n", sent));
        sent.ShouldAllBe(statement => !statement.Contains("auth_sessions"), "the session check was answered from the node's cache");
    }

    [Fact]
    public async Task The_case_api_and_the_portal_case_page_read_the_case_in_one_statement_after_the_session_check()
    {
        var id = await CaseWithTwentyInteractionsAsync();
        var agent = await app.SignedInAsync(Demo.Agent1);
        app.Statements.Clear();
        (await agent.GetAsync($"/api/v1/cases/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var api = app.Statements.For($"/api/v1/cases/{id}");
        output.WriteLine($"GET /api/v1/cases/{{id}}: {api.Count} statements\n" + string.Join("\n---\n", api));
        api.Count.ShouldBeInRange(1, 2); // the session check and the case

        var alice = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(alice, Demo.Alice);
        var portal = await StatementsAsync(alice, $"/Portal/Cases/Details/{id}", "Subscriber reply 1");
        portal.Count.ShouldBeInRange(1, 4); // the session check, the case, and the incident banner's reads
    }
}
