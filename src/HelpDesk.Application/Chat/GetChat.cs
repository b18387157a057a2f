using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// A chat with its messages after <c>AfterSeq</c> (0: all), its state, and while waiting its place in the queue and
/// estimated wait. A reconnecting client sends the last seq it saw and gets what it missed.
/// </summary>
public static class GetChat
{
    public sealed record Query(Guid ChatId, long AfterSeq = 0, string? AccessToken = null) : IQuery<ChatView>, IChatParticipantRequest;

    public sealed record StaffQuery(Guid ChatId, long AfterSeq = 0) : IQuery<ChatView>, IChatStaffRequest;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator() => RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0).WithMessage("afterSeq is 0 or the last seq you saw.");
    }

    public sealed class StaffValidator : AbstractValidator<StaffQuery>
    {
        public StaffValidator() => RuleFor(q => q.AfterSeq).GreaterThanOrEqualTo(0).WithMessage("afterSeq is 0 or the last seq you saw.");
    }

    public sealed class Handler(IHelpDeskDb db, ChatWork work) : IQueryHandler<Query, ChatView>, IQueryHandler<StaffQuery, ChatView>
    {
        public async ValueTask<ChatView> Handle(Query query, CancellationToken cancellationToken) =>
            await ReadAsync(query.ChatId, query.AfterSeq, cancellationToken);

        public async ValueTask<ChatView> Handle(StaffQuery query, CancellationToken cancellationToken) =>
            await ReadAsync(query.ChatId, query.AfterSeq, cancellationToken);

        private async Task<ChatView> ReadAsync(Guid chatId, long afterSeq, CancellationToken cancellationToken)
        {
            var chat = await db.ChatConversations.AsNoTracking().SingleOrDefaultAsync(c => c.Id == chatId, cancellationToken)
                ?? throw ChatAccess.NotFound(chatId);
            return await work.ViewAsync(chat, afterSeq, cancellationToken);
        }
    }
}
