using System.Text;
using HelpDesk.Application.Common;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>Issue 16 (and 14): duplicates vs reused Message-IDs, loop rules, Reply-To, names, NUL, the ignored-mail actions.</summary>
public sealed class EmailIntakeTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<List<OutboundEmail>> AcksForCaseAsync(Guid caseId) =>
        await WithDb(db => db.OutboundEmails.AsNoTracking().Where(o => o.CaseId == caseId && o.Kind == OutboundEmailKind.Acknowledgement).ToListAsync());

    [Fact]
    public async Task A_redelivery_is_a_duplicate_even_with_new_trace_headers_but_a_different_message_reusing_the_message_id_is_kept_apart()
    {
        var first = MailBuilder.Text("Hana Ito <hana@reuse.example>", "Cannot cast to the TV", "The cast button is grey.", messageId: "same-0001@reuse.example");
        var a = await App.Services.IngestAsync(first);
        a.Outcome.ShouldBe(InboundOutcome.CaseOpened);

        // The same message again, as a second MTA hands it over: one more Received line, same id, From, Date, Subject.
        var again = await App.Services.IngestAsync([.. Encoding.ASCII.GetBytes("Received: from mx2.reuse.example by mx.helpdesk.example; Tue, 01 Dec 2026 12:00:05 +0000\r\n"), .. first]);
        again.Duplicate.ShouldBeTrue();
        again.InboundEmailId.ShouldBe(a.InboundEmailId);
        again.CaseNumber.ShouldBe(a.CaseNumber);

        // Someone else's message with the same Message-ID: its own message and case, flagged, never Hana's case number.
        var other = await App.Services.IngestAsync(MailBuilder.Text("Omar Said <omar@elsewhere.example>", "Refund please", "I was charged twice.", messageId: "same-0001@reuse.example"));
        other.Duplicate.ShouldBeFalse();
        other.ReusedMessageId.ShouldBeTrue();
        other.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        other.CaseNumber.ShouldNotBe(a.CaseNumber);
        other.Reason.ShouldContain("reused Message-ID");
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == "same-0001@reuse.example"))).ShouldBe(2);
        var ack = (await AcksForCaseAsync(other.CaseId!.Value)).ShouldHaveSingleItem();
        ack.ToAddress.ShouldBe("omar@elsewhere.example");
        ack.Subject.ShouldContain(other.CaseNumber!);
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == other.CaseId && i.Body.StartsWith("Reused Message-ID")))).ShouldBeTrue();

        // A reply to that Message-ID from Hana still threads into Hana's case (the id is linked only to the first message).
        var reply = await App.Services.IngestAsync(MailBuilder.Text("Hana Ito <hana@reuse.example>", "Re: Cannot cast to the TV", "Still grey.", inReplyTo: "same-0001@reuse.example"));
        reply.Outcome.ShouldBe(InboundOutcome.AddedToCase);
        reply.CaseId.ShouldBe(a.CaseId);

        // The reused one redelivered is a duplicate of its own outcome.
        var otherAgain = await App.Services.IngestAsync(MailBuilder.Text("Omar Said <omar@elsewhere.example>", "Refund please", "I was charged twice.", messageId: "same-0001@reuse.example"));
        otherAgain.Duplicate.ShouldBeTrue();
        otherAgain.CaseId.ShouldBe(other.CaseId);
    }

    [Theory]
    [InlineData("X-Loop: helpdesk@vendor.example", "X-Loop")]
    [InlineData("X-Auto-Response-Suppress: All", "X-Auto-Response-Suppress")]
    [InlineData("X-Auto-Response-Suppress: DR, OOF", "X-Auto-Response-Suppress")]
    [InlineData("List-Unsubscribe: <mailto:unsubscribe@news.example>", "List-Unsubscribe")]
    public async Task Mail_that_asks_for_no_automatic_reply_opens_a_case_but_is_never_acknowledged(string header, string note)
    {
        var result = await App.Services.IngestAsync(MailBuilder.Text(
            $"Kai Berg <kai.{Guid.NewGuid():N}@noack.example>", "The app crashes", "It crashes on start.", extraHeaders: header));

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await AcksForCaseAsync(result.CaseId!.Value)).ShouldBeEmpty();
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == result.CaseId && i.Body.StartsWith("No acknowledgement sent") && i.Body.Contains(note)))).ShouldBeTrue();
    }

    [Theory]
    [InlineData("noreply@billing.example")]
    [InlineData("no-reply@accounts.example")]
    [InlineData("donotreply@shop.example")]
    [InlineData("abuse@isp.example")]
    [InlineData("notifications@jira.example")]
    [InlineData("bounces+8812@mailer.example")]
    public async Task Role_and_automated_senders_never_get_an_acknowledgement(string sender)
    {
        var result = await App.Services.IngestAsync(MailBuilder.Text(sender, "Report " + Guid.NewGuid().ToString("N")[..6], "Please look at this."));

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await AcksForCaseAsync(result.CaseId!.Value)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_exchange_out_of_office_is_ignored_as_an_automatic_reply()
    {
        var result = await App.Services.IngestAsync(MailBuilder.Text("Petra Novak <petra@corp-oof.example>", "Automatic reply: [HD-000001] Buffering",
            "I am out of the office until Monday.", extraHeaders: "X-Auto-Response-Suppress: All\nX-MS-Exchange-Organization-AuthAs: Internal\nThread-Index: AQHbQ5x1c2Vk9mJr"));

        result.Outcome.ShouldBe(InboundOutcome.Ignored);
        result.CaseId.ShouldBeNull();
        (await WithDb(db => db.InboundMessages.SingleAsync(m => m.Id == result.InboundEmailId))).IgnoredReason.ShouldBe(IgnoredReason.AutoReply);
    }

    [Fact]
    public async Task X_loop_naming_one_of_our_mailboxes_is_a_loop_and_opens_nothing()
    {
        await WithDb(async db =>
        {
            db.Mailboxes.Add(Mailbox.Create("Loop test", "loop-support@helpdesk.example", "General", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        });

        var result = await App.Services.IngestAsync(MailBuilder.Text("Robot <robot@vendor-loop.example>", "Re: your ticket", "Thanks.",
            extraHeaders: "X-Loop: loop-support@helpdesk.example"));

        result.Outcome.ShouldBe(InboundOutcome.Ignored);
        result.Reason.ShouldContain("X-Loop");
        (await WithDb(db => db.InboundMessages.SingleAsync(m => m.Id == result.InboundEmailId))).IgnoredReason.ShouldBe(IgnoredReason.Loop);
    }

    [Fact]
    public async Task A_valid_reply_to_receives_the_acknowledgement_and_the_agents_replies()
    {
        var result = await App.Services.IngestAsync(MailBuilder.Text("Form Robot <noreply@forms-rt.example>", "Contact form: no sound", "From Lea: no sound on the TV.",
            extraHeaders: "Reply-To: Lea Roth <lea.roth@home-rt.example>"));

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await AcksForCaseAsync(result.CaseId!.Value)).ShouldHaveSingleItem().ToAddress.ShouldBe("lea.roth@home-rt.example");
        (await WithDb(db => db.InboundMessages.SingleAsync(m => m.Id == result.InboundEmailId))).ReplyToAddress.ShouldBe("lea.roth@home-rt.example");

        // A Reply-To that is itself a role address is not used, and a role From then gets nothing.
        var role = await App.Services.IngestAsync(MailBuilder.Text("noreply@forms-rt2.example", "Form", "Text.", extraHeaders: "Reply-To: no-reply@forms-rt2.example"));
        (await AcksForCaseAsync(role.CaseId!.Value)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_display_name_over_100_characters_is_accepted_and_stored_shortened()
    {
        var longName = string.Join(' ', Enumerable.Repeat("Bartholomew-Maximilian", 12));
        longName.Length.ShouldBeGreaterThan(250);

        var result = await App.Services.IngestAsync(MailBuilder.Text($"\"{longName}\" <bart.long@names.example>", "Long name", "My name is long."));

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        var contact = await WithDb(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Email == "bart.long@names.example"));
        contact.FirstName.Length.ShouldBeLessThanOrEqualTo(100);
        contact.LastName.Length.ShouldBeLessThanOrEqualTo(100);
        contact.LastName.ShouldEndWith("…");
        (await AcksForCaseAsync(result.CaseId!.Value)).ShouldHaveSingleItem().ToName!.Length.ShouldBeLessThanOrEqualTo(200);
    }

    [Fact]
    public async Task Nul_characters_anywhere_in_a_message_never_fail_the_ingest()
    {
        var raw = Encoding.UTF8.GetBytes(
            "From: \"Nu\0ll Tester\" <nul@nul.example>\r\nTo: support@helpdesk.example\r\nSubject: Zero\0byte subject\r\n"
            + "Date: Tue, 01 Dec 2026 12:00:00 +0000\r\nMessage-ID: <nul-0001@nul.example>\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody with a \0 in it.\r\n"
            + "--b\r\nContent-Type: text/plain; name=\"lo\0g.txt\"\r\nContent-Disposition: attachment; filename=\"lo\0g.txt\"\r\n\r\nlog\0line\r\n--b--\r\n");

        var result = await App.Services.IngestAsync(raw);

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        var @case = await WithDb(db => db.Cases.AsNoTracking().Include(c => c.Interactions).SingleAsync(c => c.Id == result.CaseId));
        @case.Subject.ShouldBe("Zerobyte subject");
        @case.Interactions[0].Body.ShouldNotContain('\0');
        (await WithDb(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.CaseId == result.CaseId))).FileName.ShouldBe("log.txt");
    }

    [Fact]
    public async Task A_long_subject_is_kept_whole_on_the_email_and_shortened_on_the_case_with_whitespace_collapsed()
    {
        var subject = "Re:" + new string(' ', 30) + "\t " + string.Join(' ', Enumerable.Repeat("subtitles out of sync", 20));
        var result = await App.Services.IngestAsync(MailBuilder.Text("Ana Sol <ana@subject.example>", subject, "See subject."));

        var @case = await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == result.CaseId));
        @case.Subject.ShouldStartWith("Re: subtitles out of sync");
        @case.Subject.Length.ShouldBeLessThanOrEqualTo(HelpDesk.Domain.Cases.Case.MaxSubjectLength);
        @case.Subject.ShouldEndWith("…");
        (await WithDb(db => db.InboundMessages.SingleAsync(m => m.Id == result.InboundEmailId))).Subject.Length.ShouldBeGreaterThan(400);
    }

    [Fact]
    public async Task A_message_that_fails_to_process_is_kept_as_failed_with_its_raw_bytes()
    {
        var raw = MailBuilder.Text("Ivo <ivo@fail.example>", "Hello", "Text.");
        var result = await App.Services.GetRequiredService<IServiceScopeFactory>().IngestAsync(
            new IngestEmail.Command(raw, "imap", Failure: "InvalidOperationException: boom"), "test", NullLogger.Instance, CancellationToken.None);

        result.Outcome.ShouldBe(InboundOutcome.Ignored);
        var row = await WithDb(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.Id == result.InboundEmailId));
        row.IgnoredReason.ShouldBe(IgnoredReason.Failed);
        row.RawMime.ShouldBe(raw);
    }

    [Fact]
    public async Task Staff_see_ignored_mail_by_reason_download_it_and_make_a_case_once_or_add_it_to_a_case()
    {
        var bounce = await App.Services.IngestAsync(MailBuilder.Text("MAILER-DAEMON@mx.ignored.example", "Undelivered Mail Returned to Sender", "The mail could not be delivered."));
        var auto = await App.Services.IngestAsync(MailBuilder.Text("Sam Gray <sam@ignored.example>", "Re: your case", "I really do need help with my bill.",
            extraHeaders: "Auto-Submitted: auto-generated"));
        bounce.Outcome.ShouldBe(InboundOutcome.Ignored);
        auto.Outcome.ShouldBe(InboundOutcome.Ignored);

        var page = await SendAs<IgnoredMailPage>(Demo.Agent1, new ListIgnoredMail.Query(IgnoredReason.AutoReply));
        page.Items.ShouldContain(i => i.Id == auto.InboundEmailId && i.FromAddress == "sam@ignored.example" && i.RawKept);
        page.Items.ShouldNotContain(i => i.Id == bounce.InboundEmailId);
        (await SendAs<IgnoredMailPage>(Demo.Agent1, new ListIgnoredMail.Query(IgnoredReason.Bounce))).Items.ShouldContain(i => i.Id == bounce.InboundEmailId);
        (await SendAs<GetIgnoredMailRaw.File>(Demo.Agent1, new GetIgnoredMailRaw.Query(auto.InboundEmailId))).Content.Length.ShouldBeGreaterThan(100);
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IgnoredMailPage>(Demo.Alice, new ListIgnoredMail.Query()));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<ActOnIgnoredMail.Result>(Demo.Alice, new ActOnIgnoredMail.Command(auto.InboundEmailId)));

        var made = await SendAs<ActOnIgnoredMail.Result>(Demo.Agent1, new ActOnIgnoredMail.Command(auto.InboundEmailId));
        made.AlreadyDone.ShouldBeFalse();
        var again = await SendAs<ActOnIgnoredMail.Result>(Demo.Agent1, new ActOnIgnoredMail.Command(auto.InboundEmailId));
        again.AlreadyDone.ShouldBeTrue();
        again.CaseId.ShouldBe(made.CaseId);
        (await WithDb(db => db.Cases.CountAsync(c => c.Subject == "Re: your case"))).ShouldBe(1);
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == made.CaseId && i.Body.Contains("I really do need help with my bill.")))).ShouldBeTrue();
        (await WithDb(db => db.AuditEvents.CountAsync(e => e.Action == "email.ignored_made_case" && e.EntityId == auto.InboundEmailId.ToString()))).ShouldBe(1);
        (await AcksForCaseAsync(made.CaseId)).ShouldBeEmpty();
        await Should.ThrowAsync<DomainRuleException>(() => SendAs<ActOnIgnoredMail.Result>(Demo.Agent1, new ActOnIgnoredMail.Command(auto.InboundEmailId, "HD-000001")));

        // The bounce goes to Alice's case HD-000001 (agents decide; no participant check).
        var added = await SendAs<ActOnIgnoredMail.Result>(Demo.Agent2, new ActOnIgnoredMail.Command(bounce.InboundEmailId, "hd-000001"));
        added.CaseNumber.ShouldBe("HD-000001");
        (await SendAs<ActOnIgnoredMail.Result>(Demo.Agent2, new ActOnIgnoredMail.Command(bounce.InboundEmailId, "HD-000001"))).AlreadyDone.ShouldBeTrue();
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == added.CaseId && i.Body.Contains("could not be delivered")))).ShouldBeTrue();
        var listed = (await SendAs<IgnoredMailPage>(Demo.Agent1, new ListIgnoredMail.Query(IgnoredReason.Bounce))).Items.Single(i => i.Id == bounce.InboundEmailId);
        listed.CaseNumber.ShouldBe("HD-000001");
        listed.HandledBy.ShouldNotBeNullOrWhiteSpace();

        await Should.ThrowAsync<NotFoundException>(() => SendAs<ActOnIgnoredMail.Result>(Demo.Agent1, new ActOnIgnoredMail.Command(bounce.InboundEmailId, "HD-999999")));
        var counts = await SendAs<IReadOnlyList<IgnoredMailCount>>(Demo.Admin, new CountIgnoredMail.Query(DateTimeOffset.UtcNow.AddDays(-7)));
        counts.ShouldContain(c => c.Reason == IgnoredReason.Bounce && c.Count >= 1);
        counts.ShouldContain(c => c.Reason == IgnoredReason.AutoReply && c.Count >= 1);
    }
}
