using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Chat;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The chat sweeper (runs as the system): queued chats nobody accepted within <c>HelpDesk:Chat:OfferFallbackAfter</c>
/// are offered a callback or an email reply. They stay in the queue. Rows another node holds are skipped.
/// </summary>
public static class OfferChatFallbacks
{
    public sealed record Command(int BatchSize = 100) : ICommand<int>, IRequireSystem;

    public sealed class Handler(IHelpDeskDb db, ChatWork work) : ICommandHandler<Command, int>
    {
        public async ValueTask<int> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = work.Now;
            var due = now - work.Options.OfferFallbackAfter;
            var limit = Math.Clamp(command.BatchSize, 1, 1000);
            var chats = await db.ChatConversations
                .FromSql($"SELECT *, xmin FROM chat_conversations WHERE state = 'Queued' AND queued_at <= {due} ORDER BY queued_at LIMIT {limit} FOR UPDATE SKIP LOCKED")
                .ToListAsync(cancellationToken);
            foreach (var chat in chats)
            {
                if (!chat.OfferFallbackIfWaitedTooLong(work.Options.OfferFallbackAfter, now))
                {
                    continue;
                }

                var @case = await work.CaseOfAsync(chat, cancellationToken);
                work.OfferedFallback(chat, @case, now);
                work.StateChanged(await work.ViewAsync(chat, chat.LastSeq, cancellationToken, withMessages: false));
            }

            if (chats.Count > 0)
            {
                work.QueueChanged();
            }

            return chats.Count;
        }
    }
}
