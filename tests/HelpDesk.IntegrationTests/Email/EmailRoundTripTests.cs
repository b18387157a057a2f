using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Shouldly;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>The mail app (SMTP to a <see cref="TestSmtpServer"/>) with the IMAP poller polling every second.</summary>
public sealed class RoundTripMailApp : MailAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:PollIntervalSeconds", "1");
    }
}

/// <summary>
/// The whole email channel against real servers: a customer's mail in the support mailbox (dovecot, fetched by the real
/// IMAP poller) becomes a case; the agent's reply leaves over SMTP (the test's SMTP server), is put into the customer's
/// own dovecot mailbox and read back there in the same thread; the customer's answer to it, fetched by the poller,
/// lands on the same case.
/// </summary>
public sealed class EmailRoundTripTests(RoundTripMailApp app) : ClockedIntegrationTest<RoundTripMailApp>(app)
{
    private const string Customer = DovecotServer.CustomerUser;

    [Fact]
    public async Task Mail_becomes_a_case_the_reply_reaches_the_sender_in_thread_and_the_answer_lands_on_the_same_case()
    {
        await using var imap = await DovecotServer.StartAsync();

        // 1. The customer writes to support.
        var first = new MimeMessage(
            [new MailboxAddress("Vera Viewer", Customer)], [new MailboxAddress("Support", DovecotServer.User)],
            "Playback stops after ten minutes", new TextPart("plain") { Text = "Every film stops after ten minutes on my TV." })
        {
            MessageId = "first-" + Guid.NewGuid().ToString("N") + "@customer-mail.test",
        };
        await AppendAsync(imap, DovecotServer.User, DovecotServer.Password, first);
        await AddMailboxAsync(imap);

        var caseId = await WaitForCaseOfAsync(first.MessageId);
        var @case = await CaseAsync(caseId);
        @case.Subject.ShouldBe("Playback stops after ten minutes");

        // 2. The agent answers on the case; the sender delivers the outbox over SMTP.
        var reply = await WriteAsync(Demo.Agent1, caseId, "Please update the app to version 5.2; the stop was fixed there.");
        await App.Services.SendDueEmailsAsync();
        var sent = (await App.Smtp.WaitForMessagesAsync(2)).Where(m => m.RcptTo.Contains(Customer)).ToList();
        var answer = sent.Single(m => m.Text.Contains("version 5.2", StringComparison.Ordinal));
        answer.Message.InReplyTo.ShouldNotBeNull();
        answer.Message.References.ShouldContain(first.MessageId, "the reply must thread under the customer's own message");
        answer.Message.Subject.ShouldNotBeNull().ShouldContain(@case.DisplayNumber);
        (await WithDb(db => db.Interactions.AsNoTracking().Where(i => i.Id == reply.Id).Select(i => i.EmailMessageId).SingleAsync()))
            .ShouldBe(answer.MessageId);

        // 3. It arrives in the customer's mailbox (the test relays it, as the customer's provider would) in the same thread.
        await AppendAsync(imap, Customer, DovecotServer.CustomerPassword, MimeMessage.Load(new MemoryStream(answer.Raw)));
        MimeMessage received;
        using (var client = await ConnectAsync(imap, Customer, DovecotServer.CustomerPassword))
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            var ids = await client.Inbox.SearchAsync(SearchQuery.HeaderContains("References", first.MessageId));
            ids.Count.ShouldBe(1);
            received = await client.Inbox.GetMessageAsync(ids[0]);
            await client.DisconnectAsync(true);
        }

        received.MessageId.ShouldBe(answer.MessageId);
        received.TextBody.ShouldNotBeNull().ShouldContain("version 5.2");

        // 4. The customer answers from their mail client: Re: subject, In-Reply-To our Message-ID, References the chain.
        var second = new MimeMessage(
            [new MailboxAddress("Vera Viewer", Customer)], [new MailboxAddress("Support", DovecotServer.User)],
            "Re: " + received.Subject, new TextPart("plain") { Text = "Updated, it plays to the end now. Thank you!\n\n> Please update the app" })
        {
            MessageId = "second-" + Guid.NewGuid().ToString("N") + "@customer-mail.test",
            InReplyTo = received.MessageId,
        };
        foreach (var reference in received.References)
        {
            second.References.Add(reference);
        }

        second.References.Add(answer.MessageId);
        await AppendAsync(imap, DovecotServer.User, DovecotServer.Password, second);

        (await WaitForCaseOfAsync(second.MessageId)).ShouldBe(caseId, "the answer belongs on the same case");
        var timeline = await TimelineAsync(caseId);
        timeline.ShouldContain(i => i.Body.Contains("it plays to the end now", StringComparison.Ordinal));
        (await WithDb(db => db.Cases.CountAsync(c => c.Subject.Contains("Playback stops after ten minutes")))).ShouldBe(1);
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == first.MessageId || m.MessageId == second.MessageId))).ShouldBe(2);
    }

    private async Task AddMailboxAsync(DovecotServer imap)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<Application.Email.IMailboxSecrets>();
        var mailbox = Mailbox.Create("Round trip", DovecotServer.User, "tier1-general", DateTimeOffset.UtcNow);
        mailbox.ConfigureImap(imap.Host, imap.Port, MailSecurity.None, DovecotServer.User, secrets.Protect(DovecotServer.Password), "INBOX", "Processed", DateTimeOffset.UtcNow);
        mailbox.SetEnabled(true, DateTimeOffset.UtcNow);
        db.Mailboxes.Add(mailbox);
        await db.SaveChangesAsync();
    }

    /// <summary>Waits for the poller to store the message; returns the case it opened or joined.</summary>
    private async Task<Guid> WaitForCaseOfAsync(string messageId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var caseId = await WithDb(db => db.InboundMessages.AsNoTracking().Where(m => m.MessageId == messageId).Select(m => m.CaseId).SingleOrDefaultAsync());
            if (caseId is { } id)
            {
                return id;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"the poller did not store {messageId} as part of a case within 60 s");
            await Task.Delay(300);
        }
    }

    private static async Task<ImapClient> ConnectAsync(DovecotServer server, string user, string password)
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    private static async Task AppendAsync(DovecotServer server, string user, string password, MimeMessage message)
    {
        using var client = await ConnectAsync(server, user, password);
        await client.Inbox.AppendAsync(message);
        await client.DisconnectAsync(true);
    }
}
