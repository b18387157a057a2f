using System.Security.Cryptography;
using System.Text;
using HelpDesk.Application.Admin;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.Infrastructure.Email;
using HelpDesk.Infrastructure.Workers;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Api;

/// <summary>What the inbound endpoint answers: the stored message and what it did.</summary>
public sealed record InboundEmailResponse(
    Guid InboundEmailId, string MessageId, string Outcome, string Reason, Guid? CaseId, string? CaseNumber, bool Suspicious, bool Duplicate,
    bool ReusedMessageId = false);

internal static class EmailEndpoints
{
    private const string ApiKeyHeader = "X-Api-Key";

    public static void MapEmailEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/channels/email/inbound", InboundAsync).AllowAnonymous().RequireRateLimiting(Security.RateLimits.EmailInbound).WithTags("Email")
            .WithSummary("Deliver one inbound email as raw MIME (Content-Type message/rfc822), authenticated by the X-Api-Key header. "
                + "202 once stored and committed (new case, added to a case, or ignored as noise); 200 for a message already stored, with its first outcome; "
                + "400 when the body is not an email; 413 when it is over HelpDesk:Email:MaxMessageBytes; 401 without a valid key.")
            .Accepts<byte[]>("message/rfc822")
            .Produces<InboundEmailResponse>(StatusCodes.Status202Accepted).Produces<InboundEmailResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        api.MapGet("/cases/{caseId:guid}/attachments/{id:guid}", DownloadAsync).WithTags("Email")
            .WithSummary("Download an email attachment of a case (staff, or the subscriber who owns the case). Always a download; "
                + "SVG, HTML, XML and scripts are served as application/octet-stream.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);

        MapMailboxAdminEndpoints(api);
        MapIgnoredMailEndpoints(api);
    }

    public sealed record AddToCaseRequest(string CaseNumber);

    private static void MapIgnoredMailEndpoints(RouteGroupBuilder api)
    {
        var ignored = api.MapGroup("/channels/email/ignored").WithTags("Email");
        ignored.MapGet("/", async (IgnoredReason? reason, Guid? mailboxId, DateTimeOffset? from, DateTimeOffset? to, int? page, int? pageSize, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ListIgnoredMail.Query(reason, mailboxId, from, to, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("Inbound email that opened or joined no case (staff): auto-replies, bounces, list mail, loops, unreadable, not an email, "
                + "too large, failed. Filter by reason, mailbox and received time (from inclusive, to exclusive); newest first, paged.")
            .Produces<IgnoredMailPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        ignored.MapGet("/{id:guid}/raw", async (Guid id, HttpContext http, IMediator m, CancellationToken ct) =>
            {
                var file = await m.Send(new GetIgnoredMailRaw.Query(id), ct);
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
                http.Response.Headers["X-Raw-Truncated"] = file.Truncated ? "true" : "false";
                return Results.File(file.Content, "application/octet-stream", file.FileName);
            })
            .WithSummary("Download the raw message as received (staff). X-Raw-Truncated: true when only the first megabyte of an oversized message was kept.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        ignored.MapPost("/{id:guid}/case", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ActOnIgnoredMail.Command(id), ct)))
            .WithSummary("Make a case from an ignored email (staff; audited, never acknowledged). Idempotent: again returns the same case (alreadyDone).")
            .Produces<ActOnIgnoredMail.Result>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        ignored.MapPost("/{id:guid}/add-to-case", async (Guid id, AddToCaseRequest body, IMediator m, CancellationToken ct) =>
                TypedResults.Ok(await m.Send(new ActOnIgnoredMail.Command(id, body.CaseNumber), ct)))
            .WithSummary("Add an ignored email to a case, e.g. {\"caseNumber\": \"HD-000123\"} (staff; audited). Idempotent for the same case; 409 when it already went to another.")
            .Produces<ActOnIgnoredMail.Result>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public sealed record MailboxRequest(
        string Name, string Address, string? FromName, bool Enabled,
        string? ImapHost, int? ImapPort, MailSecurity? ImapSecurity, string? ImapUser, string? ImapPassword, string? InboxFolder, string? ProcessedFolder,
        string? SmtpHost, int? SmtpPort, MailSecurity? SmtpSecurity, string? SmtpUser, string? SmtpPassword, string DefaultQueueKey)
    {
        public SaveMailbox.Command ToCommand(Guid? id) => new(
            id, Name, Address, FromName, Enabled, ImapHost ?? "", ImapPort ?? 993, ImapSecurity ?? MailSecurity.Tls, ImapUser ?? "", ImapPassword,
            InboxFolder ?? "INBOX", ProcessedFolder ?? "Processed", SmtpHost ?? "", SmtpPort ?? 587, SmtpSecurity ?? MailSecurity.StartTls, SmtpUser ?? "",
            SmtpPassword, DefaultQueueKey);
    }

    private static void MapMailboxAdminEndpoints(RouteGroupBuilder api)
    {
        var mailboxes = api.MapGroup("/admin/mailboxes").WithTags("Administration");
        mailboxes.MapGet("/", async (IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new ListMailboxes.Query(), ct)))
            .WithSummary("Support mailboxes (administrators), with the last poll and error. Passwords are never returned.")
            .Produces<IReadOnlyList<MailboxModel>>().ProducesProblem(StatusCodes.Status403Forbidden);
        mailboxes.MapPost("/", async (MailboxRequest body, IMediator m, CancellationToken ct) =>
            {
                var saved = await m.Send(body.ToCommand(null), ct);
                return TypedResults.Created($"/api/v1/admin/mailboxes/{saved.Id}", saved);
            })
            .WithSummary("Add a support mailbox (administrators). Passwords are stored protected.")
            .Produces<MailboxModel>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        mailboxes.MapPut("/{id:guid}", async (Guid id, MailboxRequest body, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(body.ToCommand(id), ct)))
            .WithSummary("Change a support mailbox (administrators). An empty or missing password keeps the stored one.")
            .Produces<MailboxModel>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        mailboxes.MapPost("/{id:guid}/test", async (Guid id, IMediator m, CancellationToken ct) => TypedResults.Ok(await m.Send(new TestMailboxConnection.Query(id), ct)))
            .WithSummary("Sign in to the mailbox's IMAP server with the stored settings (administrators).")
            .Produces<TestMailboxConnection.Result>().ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>The same download for the cookie-signed-in pages (agent console, portal).</summary>
    public static void MapAttachmentDownloadForPages(this IEndpointRouteBuilder app) =>
        app.MapGet("/attachments/{caseId:guid}/{id:guid}", DownloadAsync)
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .ExcludeFromDescription();

    private static async Task<IResult> InboundAsync(
        HttpContext http, IServiceScopeFactory scopes, IOptions<EmailInboundOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!Security.ApiKeys.Accepts(http.Request.Headers[ApiKeyHeader].ToString(), settings.InboundApiKeys))
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "API key required",
                detail: $"Send a valid inbound API key in the {ApiKeyHeader} header (configured in HelpDesk:Email:InboundApiKeys).");
        }

        var contentType = http.Request.ContentType?.Split(';')[0].Trim();
        if (!string.Equals(contentType, "message/rfc822", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: $"Send the raw email with Content-Type message/rfc822 (got '{contentType ?? "none"}').");
        }

        var max = settings.MaxMessageBytes;
        var logger = loggers.CreateLogger("HelpDesk.Email.Inbound");
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = Math.Max(max + 81_921, Math.Min(http.Request.ContentLength ?? 0, max + InboundMessage.MaxKeptRawBytes));
        }

        byte[] raw;
        try
        {
            raw = await ReadBoundedAsync(http.Request.Body, max, cancellationToken);
        }
        catch (TooLargeException ex)
        {
            // Nothing is invisible: the first megabyte is kept as "too large" for the ignored-mail page.
            await scopes.IngestAsync(new IngestEmail.Command(ex.Prefix, "api", Truncated: true, OriginalSize: http.Request.ContentLength ?? ex.Read),
                "email-inbound-api", logger, cancellationToken);
            return TooLarge(max);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }

        if (raw.Length == 0)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Empty message", detail: "The request body is empty; send the raw email.");
        }

        var result = await scopes.IngestAsync(new IngestEmail.Command(raw, "api"), "email-inbound-api", logger, cancellationToken);

        if (result.Outcome == InboundOutcome.Refused)
        {
            return result.Refusal == EmailParseRefusal.TooLarge
                ? TooLarge(max)
                : Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not an email", detail: result.Reason);
        }

        var body = new InboundEmailResponse(result.InboundEmailId, result.MessageId, result.Outcome.ToString(), result.Reason, result.CaseId,
            result.CaseNumber, result.Suspicious, result.Duplicate, result.ReusedMessageId);
        return result.Duplicate ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status202Accepted);
    }

    private static IResult TooLarge(long max) =>
        Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Message too large",
            detail: $"The message is larger than the limit of {max:N0} bytes (HelpDesk:Email:MaxMessageBytes).");

    private sealed class TooLargeException(byte[] prefix, long read) : Exception("too large")
    {
        public byte[] Prefix { get; } = prefix;
        public long Read { get; } = read;
    }

    /// <summary>The body, or <see cref="TooLargeException"/> with its first bytes once it passes <paramref name="max"/> (the rest is not read).</summary>
    private static async Task<byte[]> ReadBoundedAsync(Stream body, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        long total = 0;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            total += read;
            if (total > max)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        if (total > max)
        {
            var keep = (int)Math.Min(buffer.Length, InboundMessage.MaxKeptRawBytes);
            throw new TooLargeException(buffer.GetBuffer().AsSpan(0, keep).ToArray(), total);
        }

        return buffer.ToArray();
    }

    private static readonly HashSet<string> InlineSafeTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        "image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf", "text/plain",
    };

    private static async Task<IResult> DownloadAsync(Guid caseId, Guid id, HttpContext http, IMediator mediator, CancellationToken cancellationToken)
    {
        GetAttachment.File file;
        try
        {
            file = await mediator.Send(new GetAttachment.Query(caseId, id), cancellationToken);
        }
        catch (Application.Common.NotFoundException) when (!http.Request.Path.StartsWithSegments("/api"))
        {
            return Results.NotFound();
        }
        catch (Application.Common.ForbiddenException) when (!http.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Forbid();
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var type = !file.DownloadOnly && InlineSafeTypes.Contains(file.ContentType.Split(';')[0].Trim()) ? file.ContentType.Split(';')[0].Trim() : "application/octet-stream";
        return Results.File(file.Content, type, file.FileName);
    }
}
