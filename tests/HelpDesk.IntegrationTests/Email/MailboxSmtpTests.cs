using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>An enabled mailbox with SMTP settings wins over the fallback server, and its protected password is used for AUTH.</summary>
public sealed class MailboxSmtpTests(MailAppFactory app) : ClockedIntegrationTest<MailAppFactory>(app)
{
    [Fact]
    public async Task Mail_goes_through_the_enabled_mailbox_and_authenticates_with_its_password()
    {
        await using var mailboxServer = new TestSmtpServer("support@streamly.test", "s3cret!");
        await WithDb(async db =>
        {
            var secrets = App.Services.GetRequiredService<IMailboxSecrets>();
            var mailbox = Mailbox.Create("Support", "support@streamly.test", "Portal-Tier1", Clock.UtcNow);
            mailbox.Rename("Support", "support@streamly.test", "Streamly Support", "Portal-Tier1", Clock.UtcNow);
            mailbox.ConfigureSmtp(mailboxServer.Host, mailboxServer.Port, MailSecurity.None, "support@streamly.test", secrets.Protect("s3cret!"), Clock.UtcNow);
            mailbox.SetEnabled(true, Clock.UtcNow);
            db.Mailboxes.Add(mailbox);
            return await db.SaveChangesAsync();
        });

        var caseId = await OpenAsync(Demo.Alice, "Via the mailbox");
        (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(SendDueEmails.Outcome.Sent);
        var mail = (await mailboxServer.WaitForMessagesAsync(1)).ShouldHaveSingleItem();
        mail.AuthenticatedUser.ShouldBe("support@streamly.test");
        mail.MailFrom.ShouldBe("support@streamly.test");
        mail.Message.From.Mailboxes.Single().Name.ShouldBe("Streamly Support");
        mail.MessageId.ShouldStartWith(caseId.ToString("N"));
        App.Smtp.Messages.ShouldNotContain(m => m.MessageId == mail.MessageId);
    }
}
