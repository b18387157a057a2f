using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// Staff only: whether a case (or one chat on it) comes from an unverified guest chat, and whether the email the guest
/// gave matches a registered account. Null when the case has no guest chat. Never part of a participant's payload
/// (<see cref="ChatView"/> goes to guests too): telling a guest whether an email has an account would leak it.
/// </summary>
public static class GetGuestIdentity
{
    public sealed record Query(Guid CaseId, Guid? ChatId = null) : IQuery<GuestIdentityView?>, ICaseRequest, IRequireStaff;

    public sealed class Handler(IHelpDeskDb db) : IQueryHandler<Query, GuestIdentityView?>
    {
        public async ValueTask<GuestIdentityView?> Handle(Query query, CancellationToken cancellationToken)
        {
            var guests = db.ChatConversations.AsNoTracking().Where(c => c.CaseId == query.CaseId && c.IsGuest);
            if (query.ChatId is { } chatId)
            {
                guests = guests.Where(c => c.Id == chatId);
            }

            var found = await guests
                .Join(db.Subscribers.AsNoTracking(), c => c.SubscriberId, s => s.Id, (c, s) => new { c.GuestEmail, c.CreatedAt, s.UserId })
                .OrderByDescending(x => x.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            return found is null ? null : new GuestIdentityView(found.GuestEmail ?? string.Empty, found.UserId != null);
        }
    }
}

/// <summary>An unverified guest chat: the email the guest gave, and (staff only) whether it matches a registered account.</summary>
public sealed record GuestIdentityView(string Email, bool EmailMatchesAccount);
