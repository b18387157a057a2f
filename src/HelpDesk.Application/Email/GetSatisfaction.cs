using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;

namespace HelpDesk.Application.Email;

/// <summary>The survey behind a satisfaction link. Anyone with the (unguessable) link may read and answer it, nothing else.</summary>
public static class GetSatisfaction
{
    public sealed record Query(string Token) : IQuery<SatisfactionPage>, IAllowAnonymous;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, SatisfactionPage>
    {
        public async ValueTask<SatisfactionPage> Handle(Query query, CancellationToken cancellationToken) =>
            await SatisfactionSupport.PageAsync(db, query.Token, cancellationToken)
            ?? throw new NotFoundException("This satisfaction link is not valid. It may have been replaced by a newer email.");
    }
}
