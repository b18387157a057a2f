using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>An attachment as listed on the case page (no content).</summary>
public sealed record AttachmentView(Guid Id, Guid CaseId, string FileName, string ContentType, long Size, bool IsInline, string? ContentId, bool DownloadOnly, string? RejectedReason);

/// <summary>One inbound email on a case: sanitized HTML (sanitize again before display), folded quote, attachments, flags.</summary>
public sealed record CaseEmailView(
    Guid Id, Guid? InteractionId, string? FromAddress, string? FromName, string Subject, DateTimeOffset ReceivedAt,
    string? HtmlBody, string QuotedText, bool Suspicious, string Reason, IReadOnlyList<AttachmentView> Attachments);

/// <summary>The email messages of a case for agents, oldest first.</summary>
public static class GetCaseEmails
{
    public sealed record Query(Guid CaseId) : IQuery<IReadOnlyList<CaseEmailView>>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, IReadOnlyList<CaseEmailView>>
    {
        public async ValueTask<IReadOnlyList<CaseEmailView>> Handle(Query query, CancellationToken cancellationToken)
        {
            var emails = await db.InboundMessages.AsNoTracking()
                .Where(m => m.CaseId == query.CaseId)
                .OrderBy(m => m.ReceivedAt)
                .Select(m => new { m.Id, m.InteractionId, m.FromAddress, m.FromName, m.Subject, m.ReceivedAt, m.HtmlBody, m.QuotedText, m.Suspicious, m.Reason })
                .ToListAsync(cancellationToken);
            var attachments = await db.CaseAttachments.AsNoTracking()
                .Where(a => a.CaseId == query.CaseId)
                .OrderBy(a => a.CreatedAt)
                .Select(a => new { a.InboundMessageId, View = new AttachmentView(a.Id, a.CaseId, a.FileName, a.ContentType, a.Size, a.IsInline, a.ContentId, a.DownloadOnly, a.RejectedReason) })
                .ToListAsync(cancellationToken);
            return [.. emails.Select(m => new CaseEmailView(
                m.Id, m.InteractionId, m.FromAddress, m.FromName, m.Subject, m.ReceivedAt, m.HtmlBody, m.QuotedText, m.Suspicious, m.Reason,
                [.. attachments.Where(a => a.InboundMessageId == m.Id).Select(a => a.View)]))];
        }
    }
}

/// <summary>One stored attachment's bytes, for staff and the subscriber who owns the case.</summary>
public static class GetAttachment
{
    public sealed record Query(Guid CaseId, Guid AttachmentId) : IQuery<File>, ICaseRequest;

    public sealed record File(string FileName, string ContentType, bool DownloadOnly, byte[] Content);

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, File>
    {
        public async ValueTask<File> Handle(Query query, CancellationToken cancellationToken)
        {
            var attachment = await db.CaseAttachments.AsNoTracking()
                .Where(a => a.Id == query.AttachmentId && a.CaseId == query.CaseId && a.RejectedReason == null)
                .Select(a => new File(a.FileName, a.ContentType, a.DownloadOnly, a.Content))
                .SingleOrDefaultAsync(cancellationToken);
            return attachment ?? throw new Common.NotFoundException("That attachment is not on this case, or it was refused and not stored.");
        }
    }
}
