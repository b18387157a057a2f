using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>The raw message of an ignored email, as received (possibly truncated when it was too large), for download (staff).</summary>
public static class GetIgnoredMailRaw
{
    public sealed record File(string FileName, byte[] Content, bool Truncated);

    public sealed record Query(Guid Id) : IQuery<File>, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, File>
    {
        public async ValueTask<File> Handle(Query query, CancellationToken cancellationToken)
        {
            var row = await db.InboundMessages.AsNoTracking()
                .Where(m => m.Id == query.Id && m.IgnoredReason != null)
                .Select(m => new { m.RawMime, m.RawTruncated, m.ReceivedAt })
                .SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException("This ignored email was not found.");
            if (row.RawMime is null)
            {
                throw new NotFoundException("The raw message of this email was not kept.");
            }

            return new File($"ignored-{row.ReceivedAt.UtcDateTime:yyyyMMdd-HHmmss}-{query.Id.ToString()[..8]}.eml", row.RawMime, row.RawTruncated);
        }
    }
}
