using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>The app with a one-second IMAP poll interval.</summary>
public sealed class ImapPollerApp : HelpDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:PollIntervalSeconds", "1");
    }
}

/// <summary>The real poller against a real dovecot: mail appended over IMAP becomes cases and leaves the inbox.</summary>
public sealed class ImapPollerTests(ImapPollerApp app) : IClassFixture<ImapPollerApp>
{
    private static async Task<ImapClient> ConnectAsync(DovecotServer server)
    {
        var client = new ImapClient();
        await client.ConnectAsync(server.Host, server.Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(DovecotServer.User, DovecotServer.Password);
        return client;
    }

    private static MimeMessage Message(string from, string subject, string body, string messageId) =>
        new(new[] { MailboxAddress.Parse(from) }, new[] { MailboxAddress.Parse("support@helpdesk.test") }, subject, new TextPart("plain") { Text = body })
        {
            MessageId = messageId,
        };

    [Fact]
    public async Task Messages_appended_over_imap_become_cases_and_are_moved_to_the_processed_folder_once()
    {
        await using var server = await DovecotServer.StartAsync();
        using (var client = await ConnectAsync(server))
        {
            await client.Inbox.AppendAsync(Message("ana@imap-test.example", "Cannot sign in", "The TV app rejects my password.", "imap-1@imap-test.example"));
            // A redelivery is the same message: the same bytes, Date header included. (Two MimeMessage instances would each
            // stamp their own Date, and across a second boundary that is a different message reusing the Message-ID,
            // which intake rightly keeps as its own: this test once saw two cases that way under load.)
            var refund = Message("ben@imap-test.example", "Refund", "Please refund last month.", "imap-2@imap-test.example");
            await client.Inbox.AppendAsync(refund);
            await client.Inbox.AppendAsync(refund);
            await client.DisconnectAsync(true);
        }

        Guid mailboxId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var secrets = scope.ServiceProvider.GetRequiredService<IMailboxSecrets>();
            var mailbox = Mailbox.Create("IMAP test", "support@helpdesk.test", "tier1-general", DateTimeOffset.UtcNow);
            mailbox.ConfigureImap(server.Host, server.Port, MailSecurity.None, DovecotServer.User, secrets.Protect(DovecotServer.Password), "INBOX", "Processed", DateTimeOffset.UtcNow);
            mailbox.SetEnabled(true, DateTimeOffset.UtcNow);
            db.Mailboxes.Add(mailbox);
            await db.SaveChangesAsync();
            mailboxId = mailbox.Id;
        }

        // The poller picks the mailbox up within its interval and ingests everything.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        int stored;
        do
        {
            await Task.Delay(500);
            await using var scope = app.Services.CreateAsyncScope();
            stored = await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().InboundMessages.CountAsync(m => m.MailboxId == mailboxId);
        }
        while (stored < 2 && DateTime.UtcNow < deadline);
        stored.ShouldBe(2, "two distinct messages (the third is a redelivery of the second)");

        using (var client = await ConnectAsync(server))
        {
            var moveDeadline = DateTime.UtcNow.AddSeconds(30);
            await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            while (client.Inbox.Count > 0 && DateTime.UtcNow < moveDeadline)
            {
                await client.Inbox.CloseAsync();
                await Task.Delay(500);
                await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
            }

            client.Inbox.Count.ShouldBe(0);
            var processed = await client.GetFolderAsync("Processed");
            await processed.OpenAsync(FolderAccess.ReadOnly);
            processed.Count.ShouldBe(3);
            await client.DisconnectAsync(true);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            (await db.Cases.CountAsync(c => c.Subject == "Refund")).ShouldBe(1);
            (await db.Cases.CountAsync(c => c.Subject == "Cannot sign in")).ShouldBe(1);
            (await db.InboundMessages.Where(m => m.MailboxId == mailboxId).Select(m => m.Source).Distinct().SingleAsync()).ShouldBe("imap");
            var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Id == mailboxId);
            mailbox.LastPolledAt.ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task A_mailbox_that_cannot_connect_records_the_error_for_the_admin_page()
    {
        Guid mailboxId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var mailbox = Mailbox.Create("Broken", "broken@helpdesk.test", "tier1-general", DateTimeOffset.UtcNow);
            mailbox.ConfigureImap("127.0.0.1", 1, MailSecurity.None, "nobody", null, "INBOX", "Processed", DateTimeOffset.UtcNow);
            mailbox.SetEnabled(true, DateTimeOffset.UtcNow);
            db.Mailboxes.Add(mailbox);
            await db.SaveChangesAsync();
            mailboxId = mailbox.Id;
        }

        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? error = null;
        while (error is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await using var scope = app.Services.CreateAsyncScope();
            error = await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().Mailboxes.Where(m => m.Id == mailboxId).Select(m => m.LastError).SingleAsync();
        }

        error.ShouldNotBeNull();
    }
}
