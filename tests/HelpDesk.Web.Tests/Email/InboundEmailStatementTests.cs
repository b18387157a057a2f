using System.Net;
using System.Net.Http.Headers;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Email;

/// <summary>The app with an inbound API key and every SQL statement recorded against the request that sent it.</summary>
public sealed class InboundStatementApp : HelpDeskAppFactory
{
    public StatementLog Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:InboundApiKeys:0", InboundEmailApp.ApiKey);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<HelpDeskDbContext>(options => options.AddInterceptors(Statements)));
    }
}

/// <summary>
/// Issue 17, email ingest: the statements one inbound message sends (ADR 0121). Counted with an EF Core command
/// interceptor: a batch of inserts is one command, one round trip. Before the change a new message sent 13 and a reply
/// by [HD-…] 13 (the mailbox addresses read twice, the participants of a case that did not exist yet, the case found by
/// number and then read by id, the owner read twice); after that change 11 and 10, and since the Message-ID is claimed
/// with an advisory lock and one look-up (instead of a placeholder insert, a reuse check and a delete) 9 and 8; since our
/// mailbox addresses and the open incidents come from the reference data checked by version (ADR 0125), 7 and 7. The
/// limits below fail if any of that comes back.
/// </summary>
public sealed class InboundEmailStatementTests(InboundStatementApp app, ITestOutputHelper output) : IClassFixture<InboundStatementApp>
{
    private const string Path = "/api/v1/channels/email/inbound";

    private async Task<(IReadOnlyList<string> Sent, System.Text.Json.JsonElement Body)> IngestAsync(HttpClient client, byte[] raw)
    {
        app.Statements.Clear();
        var request = new HttpRequestMessage(HttpMethod.Post, Path) { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Api-Key", InboundEmailApp.ApiKey);
        var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        var body = await response.JsonAsync();
        var sent = app.Statements.For(Path);
        output.WriteLine($"{body.GetProperty("outcome").GetString()}: {sent.Count} statements\n" + string.Join("\n---\n", sent));
        return (sent, body);
    }

    [Fact]
    public async Task A_new_message_and_a_reply_by_case_token_each_send_at_most_seven_statements()
    {
        var client = app.CreateClient();
        // Warm up (the Message-ID key, reference data, prepared statements) with a message of its own.
        await IngestAsync(client, MailBuilder.Text("Warm Up <warm-up@statements.example>", "Warm-up", "Hello."));

        var (opened, first) = await IngestAsync(client, MailBuilder.Text("Nora Quist <nora@statements.example>", "Playback stops on my TV", "The video keeps buffering."));
        first.GetProperty("outcome").GetString().ShouldBe("CaseOpened");
        opened.Count.ShouldBeGreaterThan(0, "the interceptor saw nothing: the count would prove nothing");
        opened.Count.ShouldBeLessThanOrEqualTo(7, string.Join("\n---\n", opened));

        var number = first.GetProperty("caseNumber").GetString()!;
        var (replied, reply) = await IngestAsync(client, MailBuilder.Text("Nora Quist <nora@statements.example>", $"Re: [{number}] Playback stops on my TV", "Still buffering after the restart."));
        reply.GetProperty("outcome").GetString().ShouldBe("AddedToCase");
        reply.GetProperty("caseNumber").GetString().ShouldBe(number);
        replied.Count.ShouldBeLessThanOrEqualTo(7, string.Join("\n---\n", replied));
    }
}
