using HelpDesk.Application.Cases;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>
/// Outbound mail end to end: commands write the outbox, <see cref="SendDueEmails"/> delivers over real sockets to a
/// <see cref="TestSmtpServer"/> hosted by the test, with threading headers, retries, backoff and no double sends.
/// </summary>
public sealed class OutboundEmailTests(MailAppFactory app) : ClockedIntegrationTest<MailAppFactory>(app)
{
    private TestSmtpServer Smtp => App.Smtp;

    [Fact]
    public async Task Agent_reply_is_delivered_to_the_subscriber_in_the_case_thread()
    {
        var caseId = await OpenAsync(Demo.Alice, "Subtitles out of sync");
        var before = Smtp.Messages.Count;
        (await App.Services.SendDueEmailsAsync()).ShouldAllBe(r => r.Outcome == SendDueEmails.Outcome.Sent);
        var ack = (await Smtp.WaitForMessagesAsync(before + 1)).Single(m => IsFor(m, caseId));
        var number = (await CaseAsync(caseId)).DisplayNumber;
        ack.Message.Subject.ShouldNotBeNull().ShouldContain($"[{number}]");
        ack.Text.ShouldContain("expect an answer");
        ack.Message.Headers["Auto-Submitted"].ShouldBe("auto-replied");

        var reply = await WriteAsync(Demo.Agent1, caseId, "Please restart the app <script>alert(1)</script>\n\nThanks!");
        await App.Services.SendDueEmailsAsync();
        var mail = (await Smtp.WaitForMessagesAsync(before + 2)).Last(m => IsFor(m, caseId));

        mail.RcptTo.ShouldBe([Demo.Alice]);
        mail.Message.To.Mailboxes.Single().Address.ShouldBe(Demo.Alice);
        mail.Message.From.Mailboxes.Single().Address.ShouldBe("support@helpdesk.test");
        mail.Message.Subject.ShouldBe($"[{number}] Re: Subtitles out of sync");
        mail.Message.Headers.Contains("Auto-Submitted").ShouldBeFalse();
        (await VerifyAsync(mail.MessageId)).ShouldBe(caseId);
        mail.Message.InReplyTo.ShouldBe(ack.MessageId);
        mail.Message.References.ShouldContain(ack.MessageId);
        mail.Text.ShouldContain("Please restart the app <script>alert(1)</script>");
        mail.Html.ShouldContain("&lt;script&gt;alert(1)&lt;/script&gt;");
        mail.Html.ShouldNotContain("<script>");

        // The timeline entry remembers the Message-ID it went out with, so the subscriber's answer threads to it.
        var stored = await WithDb(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == reply.Id));
        stored.EmailMessageId.ShouldBe(mail.MessageId);
        var row = await WithDb(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.InteractionId == reply.Id));
        row.Status.ShouldBe(OutboundEmailStatus.Sent);
        row.Attempts.ShouldBe(1);
    }

    [Fact]
    public async Task A_forged_message_id_does_not_verify()
    {
        var caseId = await OpenAsync(Demo.Alice, "Forgery check");
        var row = await WithDb(db => db.OutboundEmails.AsNoTracking().FirstAsync(e => e.CaseId == caseId));
        var parts = row.MessageId.Split('@')[0].Split('.');
        var other = Guid.CreateVersion7().ToString("N");
        (await VerifyAsync($"{other}.{parts[1]}.{parts[2]}@{row.MessageId.Split('@')[1]}")).ShouldBeNull();
        (await VerifyAsync(row.MessageId)).ShouldBe(caseId);
    }

    [Fact]
    public async Task Internal_notes_are_never_emailed()
    {
        var caseId = await OpenAsync(Demo.Alice, "Note check");
        await App.Services.SendDueEmailsAsync();
        var note = await WriteAsync(Demo.Agent1, caseId, "Internal: customer seems to share the account", @internal: true);

        var rows = await WithDb(db => db.OutboundEmails.AsNoTracking().Where(e => e.CaseId == caseId).ToListAsync());
        rows.ShouldAllBe(e => e.Kind == OutboundEmailKind.Acknowledgement);
        rows.ShouldNotContain(e => e.InteractionId == note.Id);
        await App.Services.SendDueEmailsAsync();
        Smtp.Messages.ShouldNotContain(m => m.Text.Contains("share the account"));
        (await WithDb(db => db.Interactions.AsNoTracking().SingleAsync(i => i.Id == note.Id))).EmailMessageId.ShouldBeNull();
    }

    [Fact]
    public async Task A_failing_server_is_retried_with_backoff_then_the_mail_is_failed_and_visible_on_the_case()
    {
        await App.Services.SendDueEmailsAsync();
        Smtp.FailMailFrom("451 4.3.0 Mail server temporarily unavailable");
        try
        {
            var caseId = await OpenAsync(Demo.Alice, "Retry check");
            var start = Clock.UtcNow;

            var first = (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem();
            first.Outcome.ShouldBe(SendDueEmails.Outcome.WillRetry);
            var row = await RowAsync(first.EmailId!.Value);
            row.Attempts.ShouldBe(1);
            row.Status.ShouldBe(OutboundEmailStatus.Pending);
            row.LastError.ShouldNotBeNull().ShouldContain("451");
            (row.NextAttemptAt - start).ShouldBeInRange(TimeSpan.FromSeconds(59), TimeSpan.FromSeconds(75));

            // Not due yet: nothing is taken until the backoff has passed.
            (await App.Services.SendDueEmailsAsync()).ShouldBeEmpty();
            Clock.AdvancePast(row.NextAttemptAt);
            (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(SendDueEmails.Outcome.WillRetry);
            var second = await RowAsync(row.Id);
            second.Attempts.ShouldBe(2);
            // Exponential: the second wait is twice the first.
            (second.NextAttemptAt - Clock.UtcNow).ShouldBeInRange(TimeSpan.FromSeconds(119), TimeSpan.FromSeconds(135));

            Clock.AdvancePast(second.NextAttemptAt);
            (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(SendDueEmails.Outcome.Failed);
            var failed = await RowAsync(row.Id);
            failed.Status.ShouldBe(OutboundEmailStatus.Failed);
            failed.Attempts.ShouldBe(MailAppFactory.MaxAttempts);
            (await App.Services.SendDueEmailsAsync()).ShouldBeEmpty();

            var view = await SendAs<CaseEmails>(Demo.Agent1, new GetCaseEmailDeliveries.Query(caseId));
            view.EmailConfigured.ShouldBeTrue();
            var shown = view.Emails.Single(e => e.Id == row.Id);
            shown.State.ShouldBe(EmailDeliveryState.Failed);
            shown.LastError.ShouldNotBeNull().ShouldContain("temporarily unavailable");
            (await AuditAsync(caseId)).ShouldContain(a => a.Action == "email.failed");

            // "Retry now" after the server recovered: sent once.
            Smtp.StopFailing();
            var before = Smtp.Messages.Count;
            (await SendAs<OutboundEmailView>(Demo.Agent1, new RetryEmail.Command(caseId, row.Id))).State.ShouldBe(EmailDeliveryState.Queued);
            (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem().Outcome.ShouldBe(SendDueEmails.Outcome.Sent);
            (await Smtp.WaitForMessagesAsync(before + 1)).Count(m => m.MessageId == row.MessageId).ShouldBe(1);
            (await RowAsync(row.Id)).Status.ShouldBe(OutboundEmailStatus.Sent);
            (await AuditAsync(caseId)).ShouldContain(a => a.Action == "email.retry_requested");
        }
        finally
        {
            Smtp.StopFailing();
        }
    }

    [Fact]
    public async Task A_permanent_refusal_fails_at_once()
    {
        await App.Services.SendDueEmailsAsync();
        Smtp.FailMailFrom("550 5.1.1 Mailbox unavailable", times: 1);
        try
        {
            await OpenAsync(Demo.Bob, "Permanent failure");
            var result = (await App.Services.SendDueEmailsAsync()).ShouldHaveSingleItem();
            result.Outcome.ShouldBe(SendDueEmails.Outcome.Failed);
            var row = await RowAsync(result.EmailId!.Value);
            row.Attempts.ShouldBe(1);
            row.LastError.ShouldNotBeNull().ShouldContain("550");
        }
        finally
        {
            Smtp.StopFailing();
        }
    }

    [Fact]
    public async Task Two_senders_in_parallel_never_send_the_same_message_twice()
    {
        await App.Services.SendDueEmailsAsync();
        var before = Smtp.Messages.Count;
        const int cases = 6;
        for (var i = 0; i < cases; i++)
        {
            await OpenAsync(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Parallel {i}");
        }

        Smtp.DataDelay = TimeSpan.FromMilliseconds(150);
        try
        {
            var results = await Task.WhenAll(
                Task.Run(() => App.Services.SendDueEmailsAsync()),
                Task.Run(() => App.Services.SendDueEmailsAsync()));

            results.SelectMany(r => r).Count().ShouldBe(cases);
            results.ShouldAllBe(r => r.Count > 0, "both senders should have taken work");
            results.SelectMany(r => r).Select(r => r.EmailId).Distinct().Count().ShouldBe(cases);
            var received = (await Smtp.WaitForMessagesAsync(before + cases)).Skip(before).ToList();
            received.Count.ShouldBe(cases);
            received.Select(m => m.MessageId).Distinct().Count().ShouldBe(cases);
        }
        finally
        {
            Smtp.DataDelay = TimeSpan.Zero;
        }
    }

    [Fact]
    public async Task Resolving_sends_a_satisfaction_link_and_follow_up_promises_are_mailed()
    {
        var caseId = await OpenAsync(Demo.Alice, "Resolution mail");
        await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(caseId, Clock.UtcNow.AddDays(1), "I'll check with billing"));
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(caseId));
        var before = Smtp.Messages.Count;
        await App.Services.SendDueEmailsAsync();
        var mails = (await Smtp.WaitForMessagesAsync(before + 3)).Where(m => IsFor(m, caseId)).ToList();

        mails.ShouldContain(m => m.Text.Contains("I'll check with billing") && m.Message.Headers["Auto-Submitted"] == "auto-generated");
        var resolved = mails.Single(m => (m.Message.Subject ?? "").Contains("Resolved:", StringComparison.Ordinal));
        resolved.Text.ShouldContain("https://help.example.test/satisfaction/");
        var survey = await WithDb(db => db.SatisfactionSurveys.AsNoTracking().SingleAsync(s => s.CaseId == caseId));
        survey.IsAnswered.ShouldBeFalse();
        // Only the hash is stored; the link carries the token itself.
        resolved.Text.ShouldNotContain(survey.TokenHash);
        resolved.Message.References.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Missed_follow_up_apologises_to_the_subscriber()
    {
        var caseId = await OpenAsync(Demo.Bob, "Missed promise");
        await SendAs<FollowUpView>(Demo.Agent1, new PromiseFollowUp.Command(caseId, Clock.UtcNow.AddHours(2)));
        Clock.Advance(TimeSpan.FromHours(3));
        (await SweepAsync()).FollowUpsMissed.ShouldBeGreaterThanOrEqualTo(1);
        var rows = await WithDb(db => db.OutboundEmails.AsNoTracking().Where(e => e.CaseId == caseId).OrderBy(e => e.CreatedAt).ToListAsync());
        rows.Select(r => r.Kind).ShouldBe([OutboundEmailKind.Acknowledgement, OutboundEmailKind.FollowUpReminder, OutboundEmailKind.FollowUpReminder]);
        rows[^1].TextBody.ShouldContain("We are sorry");
    }

    private static bool IsFor(ReceivedMail mail, Guid caseId) => mail.MessageId.StartsWith(caseId.ToString("N"), StringComparison.Ordinal);

    private async Task<Guid?> VerifyAsync(string messageId) =>
        await App.Services.GetRequiredService<IEmailMessageIds>().TryReadCaseAsync(messageId, CancellationToken.None);

    private Task<OutboundEmail> RowAsync(Guid id) => WithDb(db => db.OutboundEmails.AsNoTracking().SingleAsync(e => e.Id == id));
}
