using HelpDesk.Application.Chat;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Web.Hubs;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace HelpDesk.Web.Tests.Hubs;

/// <summary>The live app with every SQL statement recorded against the request (for a hub call, its connection's path).</summary>
public sealed class ChatStatementApp : LiveApp
{
    public StatementLog Statements { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<HelpDeskDbContext>(options => options.AddInterceptors(Statements)));
    }
}

/// <summary>
/// Issue 17, chat at 2,000 connections (ADR 0129): what one guest message sends, who may send it, and that the SLA
/// sweeper's hold on the chat's case makes a message wait instead of refusing it. Counted with an EF Core command
/// interceptor: a batch of inserts and updates is one command, one round trip (BEGIN and COMMIT are not commands).
/// Before ADR 0129 a message sent 6: the participant check's read of the chat, the chat locked, the duplicate check, the
/// case, the reference-data version, the batch; now the participant is checked on the locked row: 5.
/// </summary>
public sealed class ChatMessageStatementTests(ChatStatementApp app, ITestOutputHelper output) : IClassFixture<ChatStatementApp>, IAsyncLifetime
{
    private readonly List<HubConnection> _connections = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private async Task<HubConnection> Guest()
    {
        var connection = app.AnonymousHub(ChatHub.Path);
        _connections.Add(connection);
        await connection.StartAsync();
        return connection;
    }

    private static async Task<StartChatResult> StartAsync(HubConnection guest, string name) =>
        await guest.InvokeAsync<StartChatResult>("StartChat", new StartChatRequest(name, $"{name.Replace(' ', '.')}.{Guid.NewGuid():N}@example.net", "en", null, null));

    private async Task<(ChatAck Ack, IReadOnlyList<string> Sent)> SendAsync(HubConnection guest, Guid chatId, string text, Guid? id = null)
    {
        app.Statements.Clear();
        var ack = await guest.InvokeAsync<ChatAck>("SendMessage", chatId, id ?? Guid.NewGuid(), text);
        var sent = app.Statements.For(ChatHub.Path);
        output.WriteLine($"{text}: {sent.Count} statements\n" + string.Join("\n---\n", sent));
        return (ack, sent);
    }

    [Fact]
    public async Task A_guest_message_sends_at_most_five_statements_and_reads_the_chat_once_under_its_lock()
    {
        var guest = await Guest();
        var chat = (await StartAsync(guest, "Stella Statements")).Chat;
        // The first message opens the case; the second is the steady state (prepared statements, reference data warm).
        await SendAsync(guest, chat.Id, "My picture froze.");
        await SendAsync(guest, chat.Id, "It froze again.");

        var (ack, sent) = await SendAsync(guest, chat.Id, "And once more: the picture froze.");
        ack.Duplicate.ShouldBeFalse();
        sent.Count.ShouldBeGreaterThan(0, "the interceptor saw nothing: the count would prove nothing");
        sent.Count.ShouldBeLessThanOrEqualTo(5, string.Join("\n---\n", sent));
        var chatReads = sent.Where(s => s.Contains("FROM chat_conversations", StringComparison.Ordinal)).ToList();
        chatReads.ShouldHaveSingleItem().ShouldContain("FOR UPDATE");
        sent.Where(s => s.Contains("FROM cases", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldContain("FOR UPDATE");

        // A retry with the same client message id stores nothing and gets the same ack.
        var id = Guid.NewGuid();
        var (first, _) = await SendAsync(guest, chat.Id, "Retried once.", id);
        var (again, _) = await SendAsync(guest, chat.Id, "Retried once.", id);
        again.ShouldBe(first with { Duplicate = true });
    }

    [Fact]
    public async Task Someone_without_the_chat_token_is_told_the_chat_does_not_exist_exactly_like_for_a_random_id_and_nothing_is_stored()
    {
        var owner = await Guest();
        var chat = (await StartAsync(owner, "Olga Owner")).Chat;
        var ack = await owner.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), "Hello, my picture froze.");

        var stranger = await Guest();
        var random = Guid.NewGuid();
        var refused = await Should.ThrowAsync<HubException>(() => stranger.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), "Let me in."));
        var unknown = await Should.ThrowAsync<HubException>(() => stranger.InvokeAsync<ChatAck>("SendMessage", random, Guid.NewGuid(), "Let me in."));
        refused.Message.Replace(chat.Id.ToString(), "ID", StringComparison.Ordinal)
            .ShouldBe(unknown.Message.Replace(random.ToString(), "ID", StringComparison.Ordinal));
        refused.Message.ShouldContain("was not found");

        // Authorization first, as for every request: a stranger's invalid message is refused as "not found" too, not
        // told what is wrong with it (the check is made on the locked chat, and the validation after it; ADR 0129).
        var invalid = await Should.ThrowAsync<HubException>(() => stranger.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.Empty, new string('x', 2001)));
        invalid.Message.ShouldBe(refused.Message);
        var ownInvalid = await Should.ThrowAsync<HubException>(() => owner.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), new string('x', 2001)));
        ownInvalid.Message.ShouldContain("A chat message has at most 2,000 characters");

        // The refused command stored nothing: the owner's next message is numbered right after theirs (and the assistant's answer).
        var next = await owner.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), "Still frozen.");
        next.Seq.ShouldBe(ack.Seq + 2);
    }

    [Fact]
    public async Task A_message_waits_for_the_sla_sweepers_hold_on_its_case_instead_of_being_refused_as_a_conflict()
    {
        var guest = await Guest();
        var started = await StartAsync(guest, "Sweeper Sam");
        var chat = started.Chat;
        await guest.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), "My picture froze.");
        var view = await guest.InvokeAsync<ChatView>("JoinChat", chat.Id, 0L, started.AccessToken);
        var caseId = view.CaseId.ShouldNotBeNull();

        // What the sweeper does to a due case: lock it and change it, in its own transaction.
        await using var sweeper = new NpgsqlConnection(app.ConnectionString);
        await sweeper.OpenAsync();
        await using var transaction = await sweeper.BeginTransactionAsync();
        await using (var take = new NpgsqlCommand("SELECT id FROM cases WHERE id = @id FOR UPDATE SKIP LOCKED", sweeper, transaction))
        {
            take.Parameters.AddWithValue("id", caseId);
            (await take.ExecuteScalarAsync()).ShouldBe(caseId);
        }

        await using (var change = new NpgsqlCommand("UPDATE cases SET updated_at = now() WHERE id = @id", sweeper, transaction))
        {
            change.Parameters.AddWithValue("id", caseId);
            await change.ExecuteNonQueryAsync();
        }

        var sending = guest.InvokeAsync<ChatAck>("SendMessage", chat.Id, Guid.NewGuid(), "Hello? Still frozen.");
        await Task.Delay(300);
        sending.IsCompleted.ShouldBeFalse("the message waits for the case's lock");
        await transaction.CommitAsync();
        (await sending).Duplicate.ShouldBeFalse();
    }
}
