using System.Text.RegularExpressions;
using HelpDesk.Application.Email;
using HelpDesk.Infrastructure.Email;
using Microsoft.Extensions.Options;
using MimeKit;

namespace HelpDesk.IntegrationTests.Email;

/// <summary>Every message in Email/Corpus parsed by the real MimeKit parser and compared with its expectation. No database.</summary>
public sealed partial class EmailCorpusTests
{
    private const long MaxMessageBytes = 50L * 1024 * 1024;
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "Email", "Corpus");

    private static MimeKitEmailParser Parser(EmailParsingOptions? limits = null) =>
        new(Options.Create(limits ?? new EmailParsingOptions()), new EmailHtmlSanitizer());

    public static TheoryData<string> CorpusFiles => [.. EmailCorpusExpectations.All.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void The_corpus_has_at_least_thirty_messages_and_each_has_an_expectation()
    {
        var files = Directory.GetFiles(CorpusDirectory, "*.eml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToList();
        files.Count.ShouldBeGreaterThanOrEqualTo(30);
        files.ShouldBe(EmailCorpusExpectations.All.Keys.Order(StringComparer.Ordinal).ToList());
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public async Task Each_corpus_message_parses_to_its_expected_classification_threading_body_and_attachments(string file)
    {
        var expected = EmailCorpusExpectations.All[file];
        await using var stream = File.OpenRead(Path.Combine(CorpusDirectory, file));

        var result = await Parser().ParseAsync(stream, MaxMessageBytes, CancellationToken.None);

        if (expected.Refusal is { } refusal)
        {
            result.Refusal.ShouldBe(refusal);
            result.RefusalReason.ShouldNotBeNullOrWhiteSpace();
            result.Email.ShouldBeNull();
            return;
        }

        result.IsRefused.ShouldBeFalse(result.RefusalReason);
        var email = result.Email!;
        email.Classification.Kind.ShouldBe(expected.Kind, email.Classification.Reason);
        email.Classification.Reason.ShouldNotBeNullOrWhiteSpace();
        if (expected.ReasonContains is not null) email.Classification.Reason.ShouldContain(expected.ReasonContains);
        if (expected.From is not null) email.From.ShouldNotBeNull().Address.ShouldBe(expected.From);
        if (expected.FromName is not null) email.From.ShouldNotBeNull().DisplayName.ShouldBe(expected.FromName);
        if (expected.Subject is not null) email.Subject.ShouldBe(expected.Subject);
        if (expected.Tokens is not null) email.CaseTokens.ShouldBe(expected.Tokens);
        if (expected.MessageId is not null) email.MessageId.ShouldBe(expected.MessageId);
        email.MessageId.ShouldNotBeNullOrWhiteSpace();
        if (expected.InReplyTo is not null) email.InReplyTo.ShouldBe(expected.InReplyTo);
        if (expected.References is not null) email.References.ShouldBe(expected.References);
        if (expected.SenderSource is { } source) email.SenderSource.ShouldBe(source);
        if (expected.SenderSource == SenderSource.None) email.From.ShouldBeNull();
        if (expected.NoAutoReply is not null) email.NoAutoReplyReason.ShouldNotBeNull().ShouldContain(expected.NoAutoReply);
        if (expected.HtmlLacks is not null) (email.SanitizedHtmlBody ?? "").ShouldNotContain(expected.HtmlLacks);
        if (expected.ReplyTo is not null) email.ReplyTo.Select(r => r.Address).ShouldBe([expected.ReplyTo]);
        email.Date.ShouldNotBeNull("every corpus message carries a Date header");
        if (expected.Cc is not null) email.Cc.Select(c => c.Address).ShouldBe(expected.Cc);
        if (expected.ThreadIndex is not null) email.ThreadIndex.ShouldBe(expected.ThreadIndex);
        if (expected.Text is not null) email.TextBody.ShouldBe(expected.Text);
        if (expected.TextContains is not null) email.TextBody.ShouldContain(expected.TextContains);
        if (expected.TextLacks is not null) email.TextBody.ShouldNotContain(expected.TextLacks);
        if (expected.QuotedContains is not null)
        {
            email.QuotedText.ShouldContain(expected.QuotedContains);
            email.TextBody.ShouldNotContain(expected.QuotedContains);
        }

        if (expected.HtmlContains is not null) email.SanitizedHtmlBody.ShouldNotBeNull().ShouldContain(expected.HtmlContains);
        ShouldBeHarmless(email.SanitizedHtmlBody);
        if (expected.Attachments is not null)
        {
            email.Attachments.Select(a => (a.FileName, a.ContentType, a.ServeAsDownloadOnly, a.IsInline, a.ContentId))
                .ShouldBe(expected.Attachments.Select(a => (a.FileName, a.ContentType, a.DownloadOnly, a.Inline, a.ContentId)));
            email.Attachments.ShouldAllBe(a => !a.IsRefused && a.Size > 0 && a.Content.Length == a.Size);
        }
    }

    [Fact]
    public async Task Hostile_html_keeps_formatting_and_safe_links_but_loses_scripts_handlers_frames_forms_and_script_urls()
    {
        var email = await Parse("30-hostile-html.eml");
        var html = email.SanitizedHtmlBody.ShouldNotBeNull();

        html.ShouldContain("<a href=\"https://streamco.example/billing\"");
        html.ShouldContain("rel=\"noopener noreferrer nofollow\"");
        html.ShouldContain("src=\"data:image/png;base64,");
        html.ShouldNotContain("data:text/html", Case.Insensitive);
        html.ShouldNotContain("<iframe", Case.Insensitive);
        html.ShouldNotContain("<form", Case.Insensitive);
        html.ShouldNotContain("<input", Case.Insensitive);
        html.ShouldNotContain("<object", Case.Insensitive);
        html.ShouldNotContain("<embed", Case.Insensitive);
        html.ShouldNotContain("<svg", Case.Insensitive);
        html.ShouldNotContain("<meta", Case.Insensitive);
        html.ShouldNotContain("<style", Case.Insensitive);
        html.ShouldNotContain("expression", Case.Insensitive);
        html.ShouldNotContain("phish.example", Case.Insensitive);
        ShouldBeHarmless(html);
    }

    [Fact]
    public async Task A_message_without_message_id_is_identified_by_the_sha256_of_its_bytes()
    {
        var path = Path.Combine(CorpusDirectory, "34-no-message-id.eml");
        var email = await Parse("34-no-message-id.eml");

        email.MessageIdIsContentHash.ShouldBeTrue();
        email.MessageId.ShouldBe("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(path))));
        (await Parse("34-no-message-id.eml")).MessageId.ShouldBe(email.MessageId);
        (await Parse("01-gmail-reply.eml")).MessageIdIsContentHash.ShouldBeFalse();
    }

    [Fact]
    public async Task An_attachment_over_the_per_attachment_limit_is_reported_as_refused_with_a_reason_and_the_rest_is_kept()
    {
        var raw = BuildMessage(("huge-video.mp4", 11 * 1024 * 1024), ("small.txt", 100));

        var email = await ParseBytes(raw, new EmailParsingOptions { MaxAttachmentBytes = 10 * 1024 * 1024, MaxTotalAttachmentBytes = 25 * 1024 * 1024 });

        email.Classification.Kind.ShouldBe(InboundEmailKind.Normal);
        email.TextBody.ShouldBe("See attached.");
        var huge = email.Attachments.Single(a => a.FileName == "huge-video.mp4");
        huge.IsRefused.ShouldBeTrue();
        huge.Size.ShouldBe(11 * 1024 * 1024);
        huge.Content.Length.ShouldBe(0);
        huge.RefusedReason.ShouldBe("huge-video.mp4 is 11,534,336 bytes; the limit per attachment is 10,485,760 bytes.");
        var small = email.Attachments.Single(a => a.FileName == "small.txt");
        small.IsRefused.ShouldBeFalse();
        small.Content.Length.ShouldBe(100);
    }

    [Fact]
    public async Task Attachments_beyond_the_total_limit_are_refused_once_the_total_is_reached()
    {
        var raw = BuildMessage(("a.bin", 4_000_000), ("b.bin", 4_000_000), ("c.bin", 4_000_000), ("d.bin", 1_000));

        var email = await ParseBytes(raw, new EmailParsingOptions { MaxAttachmentBytes = 5_000_000, MaxTotalAttachmentBytes = 10_000_000 });

        email.Attachments.Select(a => (a.FileName, a.IsRefused)).ShouldBe([("a.bin", false), ("b.bin", false), ("c.bin", true), ("d.bin", false)]);
        email.Attachments.Single(a => a.FileName == "c.bin").RefusedReason!.ShouldContain("the limit per message is 10,000,000 bytes");
    }

    [Fact]
    public async Task A_message_larger_than_the_limit_is_refused_as_too_large_without_parsing()
    {
        var raw = BuildMessage(("big.bin", 2 * 1024 * 1024));
        using var stream = new MemoryStream(raw);

        var result = await Parser().ParseAsync(stream, 1024 * 1024, CancellationToken.None);

        result.Refusal.ShouldBe(EmailParseRefusal.TooLarge);
        result.RefusalReason.ShouldBe("The message is larger than the limit of 1,048,576 bytes.");
        result.Email.ShouldBeNull();
    }

    [Fact]
    public async Task An_empty_stream_is_refused_as_not_mime()
    {
        using var stream = new MemoryStream();
        var result = await Parser().ParseAsync(stream, MaxMessageBytes, CancellationToken.None);
        result.Refusal.ShouldBe(EmailParseRefusal.NotMime);
    }

    private static void ShouldBeHarmless(string? html)
    {
        if (html is null) return;
        html.ShouldNotContain("<script", Case.Insensitive);
        html.ShouldNotContain("javascript:", Case.Insensitive);
        EventHandlerAttribute().IsMatch(html).ShouldBeFalse(html);
    }

    private static async Task<InboundEmail> Parse(string file)
    {
        await using var stream = File.OpenRead(Path.Combine(CorpusDirectory, file));
        var result = await Parser().ParseAsync(stream, MaxMessageBytes, CancellationToken.None);
        return result.Email.ShouldNotBeNull(result.RefusalReason);
    }

    private static async Task<InboundEmail> ParseBytes(byte[] raw, EmailParsingOptions limits)
    {
        using var stream = new MemoryStream(raw);
        var result = await Parser(limits).ParseAsync(stream, MaxMessageBytes, CancellationToken.None);
        return result.Email.ShouldNotBeNull(result.RefusalReason);
    }

    /// <summary>Builds a real MIME message with attachments of the given sizes (the corpus does not commit megabytes).</summary>
    private static byte[] BuildMessage(params (string Name, int Size)[] attachments)
    {
        var builder = new BodyBuilder { TextBody = "See attached." };
        var random = new Random(42);
        foreach (var (name, size) in attachments)
        {
            var bytes = new byte[size];
            random.NextBytes(bytes);
            builder.Attachments.Add(name, bytes);
        }

        var message = new MimeMessage(
            [new MailboxAddress("Alice Martin", "alice.martin@gmail.com")],
            [new MailboxAddress("HelpDesk Support", "support@helpdesk.example")],
            "Video of the problem",
            builder.ToMessageBody());
        using var stream = new MemoryStream();
        message.WriteTo(stream);
        return stream.ToArray();
    }

    [GeneratedRegex(@"<[^>]*\son[a-z]+\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();
}
