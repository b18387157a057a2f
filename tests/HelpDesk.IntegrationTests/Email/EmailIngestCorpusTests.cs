using HelpDesk.Application.Email;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static HelpDesk.Domain.Email.InboundOutcome;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>What ingesting one corpus message must do, in corpus order, on the seeded demo database.</summary>
/// <param name="Case">For <see cref="InboundOutcome.AddedToCase"/>: the case number it must join.</param>
public sealed record ExpectedIngest(InboundOutcome Outcome, bool Suspicious = false, string? Case = null, string? ReasonContains = null,
    int RejectedAttachments = 0, bool Acknowledged = false);

/// <summary>Every corpus message through the real IngestEmail use case: outcome, threading, flags, attachments, acknowledgements.</summary>
public sealed class EmailIngestCorpusTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Email", "Corpus");

    /// <summary>In file order. Tokens like [HD-000123] in the older files name cases that do not exist in the demo data.</summary>
    public static readonly Dictionary<string, ExpectedIngest> Outcomes = new()
    {
        ["01-gmail-reply.eml"] = new(CaseOpened, Acknowledged: true),
        ["02-gmail-wrapped-attribution.eml"] = new(CaseOpened, Acknowledged: true),
        // Carries X-Auto-Response-Suppress: All: the sender asked for no automatic reply (a note on the case says so).
        ["03-outlook-reply-thread-index.eml"] = new(CaseOpened, Acknowledged: false),
        ["04-outlook-original-message.eml"] = new(CaseOpened, Acknowledged: true),
        ["05-apple-mail-reply.eml"] = new(CaseOpened, Acknowledged: true),
        ["06-forwarded-gmail.eml"] = new(CaseOpened, Acknowledged: true),
        ["07-forwarded-as-attachment.eml"] = new(CaseOpened, Acknowledged: true),
        // Frank replies to Alice's message (a received Message-ID on her case) but was never on it: new case, flagged.
        ["08-cc-reply.eml"] = new(CaseOpened, Suspicious: true, ReasonContains: "not a participant", Acknowledged: true),
        ["09-latin1.eml"] = new(CaseOpened, Acknowledged: true),
        ["10-windows-1252.eml"] = new(CaseOpened, Acknowledged: true),
        ["11-shift-jis.eml"] = new(CaseOpened, Acknowledged: true),
        ["12-koi8r.eml"] = new(CaseOpened, Acknowledged: true),
        ["13-encoded-word-subject.eml"] = new(CaseOpened, Acknowledged: true),
        ["14-rfc2231-filename.eml"] = new(CaseOpened, Acknowledged: true),
        // No sender address anywhere: a case for the unknown-sender contact, never acknowledged.
        ["15-malformed-no-from.eml"] = new(CaseOpened),
        ["16-malformed-truncated-multipart.eml"] = new(CaseOpened, Acknowledged: true),
        ["17-not-mime.eml"] = new(Refused, ReasonContains: "RFC 5322"),
        ["18-autoreply-auto-submitted.eml"] = new(Ignored, ReasonContains: "AutoReply"),
        ["19-autoreply-x-autoreply.eml"] = new(Ignored, ReasonContains: "AutoReply"),
        ["20-autoreply-x-autorespond.eml"] = new(Ignored, ReasonContains: "AutoReply"),
        ["21-autoreply-precedence.eml"] = new(Ignored, ReasonContains: "AutoReply"),
        ["22-auto-submitted-no.eml"] = new(CaseOpened, Acknowledged: true),
        ["23-bounce-dsn.eml"] = new(Ignored, ReasonContains: "Bounce"),
        ["24-bounce-mailer-daemon-plain.eml"] = new(Ignored, ReasonContains: "Bounce"),
        ["25-bounce-postmaster.eml"] = new(Ignored, ReasonContains: "Bounce"),
        ["26-bulk-precedence-unsubscribe.eml"] = new(Ignored, ReasonContains: "Bulk"),
        ["27-list-mail.eml"] = new(Ignored, ReasonContains: "Bulk"),
        ["28-junk-precedence.eml"] = new(Ignored, ReasonContains: "Bulk"),
        // No HD-000123 in the demo data and the references are not ours: an ordinary new case for Mallory.
        ["29-forged-in-reply-to.eml"] = new(CaseOpened, Acknowledged: true),
        ["30-hostile-html.eml"] = new(CaseOpened, Acknowledged: true),
        // Alice Martin's fourth new case within the hour (01, 06, 14): over the limit of 3 acknowledgements per hour.
        ["31-svg-attachment-with-script.eml"] = new(CaseOpened, Acknowledged: false),
        ["32-html-attachment.eml"] = new(CaseOpened, Acknowledged: true),
        ["33-inline-cid-images.eml"] = new(CaseOpened, Acknowledged: true),
        ["34-no-message-id.eml"] = new(CaseOpened, Acknowledged: true),
        ["35-interleaved-quotes.eml"] = new(CaseOpened, Acknowledged: true),
        ["36-html-only-apple-reply.eml"] = new(CaseOpened, Acknowledged: true),
        ["37-thunderbird-format-flowed.eml"] = new(CaseOpened, Acknowledged: true),
        ["38-outlook-web-html-only.eml"] = new(CaseOpened, Acknowledged: true),
        // Mallory again, naming Alice's real case HD-000001: kept apart and flagged (29, 39, 40: three acknowledgements, the limit).
        ["39-forged-case-token.eml"] = new(CaseOpened, Suspicious: true, ReasonContains: "not a participant", Acknowledged: true),
        ["40-forged-signed-message-id.eml"] = new(CaseOpened, Suspicious: true, ReasonContains: "signature does not verify", Acknowledged: true),
        ["41-subscriber-reply-by-case-token.eml"] = new(AddedToCase, Case: "HD-000001", ReasonContains: "case token"),
        // HD-000003 was resolved 11 days ago (window 7 days): the reply opens a follow-on case.
        ["42-reply-after-reopen-window.eml"] = new(CaseOpened, ReasonContains: "case token", Acknowledged: true),
        ["43-forbidden-exe-attachment.eml"] = new(CaseOpened, RejectedAttachments: 1, Acknowledged: true),
    };

    [Fact]
    public void Every_corpus_file_has_an_ingest_expectation()
    {
        Directory.GetFiles(CorpusDirectory, "*.eml").Select(Path.GetFileName).Order(StringComparer.Ordinal)
            .ShouldBe(Outcomes.Keys.Order(StringComparer.Ordinal));
        Outcomes.Count.ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public async Task Each_corpus_message_gets_its_expected_outcome_nothing_lost_and_nothing_duplicated()
    {
        var casesBefore = await WithDb(db => db.Cases.CountAsync());
        var failures = new List<string>();
        foreach (var (file, expected) in Outcomes)
        {
            var result = await App.Services.IngestAsync(await File.ReadAllBytesAsync(Path.Combine(CorpusDirectory, file)));
            var row = await WithDb(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.Id == result.InboundEmailId));
            void Check(bool ok, string what)
            {
                if (!ok)
                {
                    failures.Add($"{file}: {what} (outcome {result.Outcome}, reason '{result.Reason}')");
                }
            }

            Check(result.Outcome == expected.Outcome, $"expected {expected.Outcome}");
            Check(row.Outcome == expected.Outcome, "stored outcome differs");
            Check(result.Suspicious == expected.Suspicious, $"suspicious should be {expected.Suspicious}");
            Check(!result.Duplicate, "first delivery reported as duplicate");
            Check(expected.ReasonContains is null || result.Reason.Contains(expected.ReasonContains, StringComparison.Ordinal), $"reason should contain '{expected.ReasonContains}'");
            Check((result.CaseId is not null) == (expected.Outcome is CaseOpened or AddedToCase), "case id presence");
            Check(expected.Case is null || result.CaseNumber == expected.Case, $"should join {expected.Case}, joined {result.CaseNumber}");
            Check(row.Acknowledged == expected.Acknowledged, $"acknowledged should be {expected.Acknowledged}");
            Check(expected.Outcome == Refused || row.RawMime is { Length: > 0 }, "raw message kept");
            if (result.CaseId is { } caseId)
            {
                var rejected = await WithDb(db => db.CaseAttachments.CountAsync(a => a.InboundMessageId == row.Id && a.RejectedReason != null));
                Check(rejected == expected.RejectedAttachments, $"rejected attachments {rejected}, expected {expected.RejectedAttachments}");
                var linked = await WithDb(db => db.Interactions.AnyAsync(i => i.Id == row.InteractionId && i.CaseId == caseId));
                Check(linked, "interaction on the case");
            }

            // Redelivery: the same bytes again are recognised, nothing new is stored.
            var again = await App.Services.IngestAsync(await File.ReadAllBytesAsync(Path.Combine(CorpusDirectory, file)));
            Check(again.Duplicate && again.InboundEmailId == result.InboundEmailId && again.Outcome == result.Outcome && again.CaseId == result.CaseId,
                "second delivery must return the first outcome");
        }

        failures.ShouldBeEmpty();
        var opened = Outcomes.Values.Count(o => o.Outcome == CaseOpened);
        (await WithDb(db => db.Cases.CountAsync())).ShouldBe(casesBefore + opened);
        (await WithDb(db => db.InboundMessages.CountAsync())).ShouldBe(Outcomes.Count);
        (await WithDb(db => db.OutboundEmails.CountAsync(o => o.Kind == OutboundEmailKind.Acknowledgement)))
            .ShouldBe(Outcomes.Values.Count(o => o.Acknowledged));

        // Noise never reached a case or a reply.
        (await WithDb(db => db.InboundMessages.CountAsync(m => m.Outcome == Ignored && (m.CaseId != null || m.Acknowledged)))).ShouldBe(0);

        // The suspicious messages carry an internal warning on their new case; HD-000001 got Alice's reply, not Mallory's.
        var hd1 = await WithDb(db => db.Cases.AsNoTracking().Include(c => c.Interactions).SingleAsync(c => c.Number == 1));
        hd1.Interactions.ShouldContain(i => i.Body.Contains("It still buffers after the router restart.", StringComparison.Ordinal) && i.Channel == Domain.Channels.Channel.Email);
        hd1.Interactions.ShouldNotContain(i => i.Body.Contains("account details", StringComparison.Ordinal));
        var flagged = await WithDb(db => db.InboundMessages.AsNoTracking().Where(m => m.Suspicious).Select(m => m.CaseId!.Value).ToListAsync());
        foreach (var caseId in flagged)
        {
            (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == caseId && i.Visibility == Visibility.Internal && i.Body.StartsWith("Suspicious reference")))).ShouldBeTrue();
        }

        // Unknown senders became unverified contacts (no sign-in account); a known subscriber stayed herself.
        (await WithDb(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Email == "mallory@attacker.example"))).UserId.ShouldBeNull();
        (await WithDb(db => db.Subscribers.CountAsync(s => s.Email == "alice@example.com"))).ShouldBe(1);

        // The forbidden .exe is kept as a refused row with a note on its case, never silently dropped.
        var exe = await WithDb(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.FileName == "invoices.exe"));
        exe.Content.ShouldBeEmpty();
        exe.RejectedReason.ShouldNotBeNull().ShouldContain(".exe");
        (await WithDb(db => db.Interactions.AnyAsync(i => i.CaseId == exe.CaseId && i.Body.Contains("invoices.exe")))).ShouldBeTrue();

        // Sanitized HTML kept for display; the SVG stays a download-only attachment.
        var hostile = await WithDb(db => db.InboundMessages.AsNoTracking().SingleAsync(m => m.FromAddress == "helpdesk-verify@phish.example"));
        hostile.HtmlBody.ShouldNotBeNull().ShouldNotContain("<script", Shouldly.Case.Insensitive);
        (await WithDb(db => db.CaseAttachments.AsNoTracking().SingleAsync(a => a.FileName == "logo.svg"))).DownloadOnly.ShouldBeTrue();
    }
}
