using HelpDesk.Application.Cases;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>Threading, participants, redelivery, restart safety, attachments and acknowledgements through IngestEmail.</summary>
public sealed class EmailThreadingTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<IngestEmail.Result> Ingest(byte[] raw) => App.Services.IngestAsync(raw);

    private async Task<string> AcknowledgementIdAsync(Guid caseId) =>
        await WithDb(db => db.OutboundEmails.Where(o => o.CaseId == caseId && o.Kind == OutboundEmailKind.Acknowledgement).Select(o => o.MessageId).SingleAsync());

    [Fact]
    public async Task A_cc_participant_replying_to_our_acknowledgement_stays_on_the_case_and_a_stranger_with_the_same_reference_gets_a_new_flagged_case()
    {
        var first = await Ingest(MailBuilder.Text("Pat Doe <pat@cc-test.example>", "Family account locked", "We are locked out.", cc: "Quinn Doe <quinn@cc-test.example>"));
        first.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        var caseId = first.CaseId!.Value;
        var ack = await AcknowledgementIdAsync(caseId);
        (await App.Services.GetRequiredService<IEmailMessageIds>().TryReadCaseAsync(ack, CancellationToken.None)).ShouldBe(caseId);

        var ccReply = await Ingest(MailBuilder.Text("Quinn Doe <quinn@cc-test.example>", "Re: Family account locked", "Same here on my phone.", inReplyTo: ack));
        ccReply.Outcome.ShouldBe(InboundOutcome.AddedToCase);
        ccReply.CaseId.ShouldBe(caseId);
        ccReply.Suspicious.ShouldBeFalse();

        // A reply to Quinn's received message (not ours) from Pat also threads: received Message-IDs are on the interactions.
        var ownerReply = await Ingest(MailBuilder.Text("pat@cc-test.example", "Re: Family account locked", "Any news?", inReplyTo: ccReply.MessageId));
        ownerReply.Outcome.ShouldBe(InboundOutcome.AddedToCase);
        ownerReply.CaseId.ShouldBe(caseId);

        var stranger = await Ingest(MailBuilder.Text("eve@elsewhere.example", "Re: Family account locked", "Send me the password.", inReplyTo: ack));
        stranger.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        stranger.CaseId.ShouldNotBe(caseId);
        stranger.Suspicious.ShouldBeTrue();
        stranger.Reason.ShouldContain("not a participant");

        var timeline = await WithDb(db => db.Interactions.Where(i => i.CaseId == caseId && i.Channel == Domain.Channels.Channel.Email).Select(i => i.Body).ToListAsync());
        timeline.ShouldContain("Same here on my phone.");
        timeline.ShouldContain("Any news?");
        timeline.ShouldNotContain("Send me the password.");
        var quinn = await WithDb(db => db.Interactions.SingleAsync(i => i.EmailMessageId == ccReply.MessageId));
        quinn.AuthorName.ShouldBe("Quinn");
    }

    [Fact]
    public async Task A_tampered_signature_on_our_message_id_opens_a_new_flagged_case()
    {
        var first = await Ingest(MailBuilder.Text("rita@sig-test.example", "Cannot pay", "Card refused."));
        var ack = await AcknowledgementIdAsync(first.CaseId!.Value);
        var tampered = ack[..^20] + (ack[^20] == 'a' ? 'b' : 'a') + ack[^19..];

        var reply = await Ingest(MailBuilder.Text("rita@sig-test.example", "Re: Cannot pay", "Still refused.", inReplyTo: tampered));

        reply.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        reply.Suspicious.ShouldBeTrue();
        reply.Reason.ShouldContain("signature does not verify");
    }

    [Fact]
    public async Task The_same_message_delivered_concurrently_is_stored_once()
    {
        var raw = MailBuilder.Text("sam@race.example", "Twice", "Delivered twice at once.", messageId: "race-0001@race.example");

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Ingest(raw))));

        results.Count(r => !r.Duplicate).ShouldBe(1);
        results.Select(r => r.CaseId).Distinct().Count().ShouldBe(1);
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == "race-0001@race.example"))).ShouldBe(1);
        (await WithDb(db => db.Subscribers.CountAsync(s => s.Email == "sam@race.example"))).ShouldBe(1);
        (await WithDb(db => db.Cases.CountAsync(c => c.Subject == "Twice"))).ShouldBe(1);
    }

    [Fact]
    public async Task Different_messages_reusing_one_message_id_at_the_same_moment_are_both_kept_and_all_but_the_first_marked_reused()
    {
        // Deliveries of one Message-ID are taken one at a time, so the second sees the first even when both arrive at
        // once (with a claim by insert alone, two different messages did not see each other and neither was marked).
        var raws = Enumerable.Range(0, 4)
            .Select(i => MailBuilder.Text($"user{i}@reuse-race.example", $"Different message {i}", $"Body {i}.", messageId: "same-0001@reuse-race.example"))
            .ToList();

        var results = await Task.WhenAll(raws.Select(raw => Task.Run(() => Ingest(raw))));

        results.ShouldAllBe(r => !r.Duplicate);
        results.Select(r => r.CaseId).Distinct().Count().ShouldBe(4);
        results.Count(r => r.ReusedMessageId).ShouldBe(3);
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == "same-0001@reuse-race.example"))).ShouldBe(4);
    }

    [Fact]
    public async Task A_receive_that_dies_before_commit_leaves_nothing_and_the_next_delivery_is_ingested_exactly_once()
    {
        var raw = MailBuilder.Text("tom@restart.example", "Restart", "Killed before commit.", messageId: "restart-0001@restart.example");

        // The process dies between receiving and committing: the transaction is never committed.
        await using (var scope = App.Services.GetRequiredService<IServiceScopeFactory>().CreateSystemScope("test-crash"))
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            // A transaction of our own must run inside the execution strategy (the app's retries on transient failures).
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IngestEmail.Command(raw, "imap"));
                result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
                await db.SaveChangesAsync();
                // No commit: disposing rolls back, as a killed process would.
            });
        }

        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == "restart-0001@restart.example"))).ShouldBe(0);
        (await WithDb(db => db.Cases.CountAsync(c => c.Subject == "Restart"))).ShouldBe(0);

        var again = await Ingest(raw);
        again.Duplicate.ShouldBeFalse();
        again.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        (await Ingest(raw)).Duplicate.ShouldBeTrue();
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.MessageId == "restart-0001@restart.example"))).ShouldBe(1);
        (await WithDb(db => db.Cases.CountAsync(c => c.Subject == "Restart"))).ShouldBe(1);
        (await WithDb(db => db.OutboundEmails.CountAsync(o => o.CaseId == again.CaseId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_reply_to_a_resolved_case_reopens_it()
    {
        var first = await Ingest(MailBuilder.Text("uma@reopen.example", "Playback error", "Error E-1002."));
        var caseId = first.CaseId!.Value;
        await SendAs<ResolveCase.Result>(Demo.Agent3, new ResolveCase.Command(caseId));

        var reply = await Ingest(MailBuilder.Text("uma@reopen.example", $"Re: [{first.CaseNumber}] Playback error", "It is back."));

        reply.Outcome.ShouldBe(InboundOutcome.AddedToCase);
        reply.CaseId.ShouldBe(caseId);
        var @case = await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId));
        @case.Status.ShouldBe(CaseStatus.Open);
        @case.ReopenCount.ShouldBe(1);
    }

    [Fact]
    public async Task Acknowledgements_are_rate_limited_per_sender_and_noise_never_gets_one()
    {
        for (var i = 0; i < 5; i++)
        {
            (await Ingest(MailBuilder.Text("vic@flood.example", $"Question {i}", "Hello?"))).Outcome.ShouldBe(InboundOutcome.CaseOpened);
        }

        (await WithDb(db => db.OutboundEmails.CountAsync(o => o.ToAddress == "vic@flood.example"))).ShouldBe(3);
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.FromAddress == "vic@flood.example" && !m.Acknowledged))).ShouldBe(2);

        var auto = await Ingest(MailBuilder.Text("wes@away.example", "Out of office", "I am away.", extraHeaders: "Auto-Submitted: auto-replied"));
        auto.Outcome.ShouldBe(InboundOutcome.Ignored);
        auto.CaseId.ShouldBeNull();
        (await WithDb(db => db.OutboundEmails.CountAsync(o => o.ToAddress == "wes@away.example"))).ShouldBe(0);
        (await WithDb(db => db.Subscribers.CountAsync(s => s.Email == "wes@away.example"))).ShouldBe(0);
    }

    [Fact]
    public async Task An_oversized_attachment_is_recorded_as_refused_with_a_note_and_the_case_still_opens()
    {
        var result = await Ingest(MailBuilder.WithAttachment("xena@big.example", "recording.mp4", "video/mp4", 11 * 1024 * 1024));

        result.Outcome.ShouldBe(InboundOutcome.CaseOpened);
        var attachment = await WithDb(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.CaseId == result.CaseId));
        attachment.FileName.ShouldBe("recording.mp4");
        attachment.RejectedReason.ShouldNotBeNull();
        attachment.Content.ShouldBeEmpty();
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == result.CaseId && i.Visibility == Visibility.Internal && i.Body.Contains("recording.mp4")))).ShouldBeTrue();

        var small = await Ingest(MailBuilder.WithAttachment("xena@big.example", "photo.png", "image/png", 2000));
        var stored = await WithDb(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.CaseId == small.CaseId));
        stored.RejectedReason.ShouldBeNull();
        stored.Content.Length.ShouldBe(2000);
        stored.Size.ShouldBe(2000);
    }

    [Fact]
    public async Task Mail_from_one_of_our_own_mailboxes_is_ignored_as_a_loop()
    {
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            db.Mailboxes.Add(Mailbox.Create("Loop test", "loop-support@helpdesk.example", "tier1-general", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }

        var result = await Ingest(MailBuilder.Text("loop-support@helpdesk.example", "We received your message", "Automatic."));

        result.Outcome.ShouldBe(InboundOutcome.Ignored);
        result.Reason.ShouldContain("Loop");
    }
}
