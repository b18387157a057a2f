using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Chat;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>Who may act in a chat (the authorization behavior calls these for the chat request markers).</summary>
public static class ChatAccess
{
    public static NotFoundException NotFound(Guid chatId) => new($"Chat {chatId} was not found.");

    // Every participant's call checks this (each chat message too): compiled once (ADR 0122, 0126). IHelpDeskDb is the app's DbContext.
    private static readonly Func<DbContext, Guid, CancellationToken, Task<ChatConversation?>> Conversation =
        EF.CompileAsyncQuery((DbContext db, Guid chatId, CancellationToken _) => db.Set<ChatConversation>().AsNoTracking().SingleOrDefault(c => c.Id == chatId));

    /// <summary>The signed-in subscriber who started it (not a guest chat), or the holder of its access token.</summary>
    public static async Task AuthorizeParticipantAsync(IHelpDeskDb db, ICurrentUser user, Guid chatId, string? accessToken, CancellationToken cancellationToken)
    {
        var chat = await Conversation((DbContext)db, chatId, cancellationToken) ?? throw NotFound(chatId);
        EnsureParticipant(chat, user, accessToken);
    }

    /// <summary>The check of <see cref="AuthorizeParticipantAsync"/> on a chat already read (or locked).</summary>
    public static void EnsureParticipant(ChatConversation chat, ICurrentUser user, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(user);
        if (!chat.IsGuest && user.IsAuthenticated && user.IsSubscriber() && user.SubscriberId == chat.SubscriberId)
        {
            return;
        }

        if (chat.IsGuest && chat.MatchesToken(accessToken))
        {
            return;
        }

        // Nobody learns that someone else's chat exists.
        throw NotFound(chat.Id);
    }

    /// <summary>Staff whose tier reaches the tier of the chat's case.</summary>
    public static async Task AuthorizeStaffAsync(IHelpDeskDb db, ICurrentUser user, Guid chatId, CancellationToken cancellationToken)
    {
        if (!user.IsStaff())
        {
            throw new ForbiddenException("Only support staff can do this.");
        }

        var tier = await db.ChatConversations.AsNoTracking().Where(c => c.Id == chatId)
            .Join(db.Cases, c => c.CaseId, k => (Guid?)k.Id, (c, k) => (Domain.Agents.AgentTier?)k.Tier)
            .SingleOrDefaultAsync(cancellationToken) ?? throw NotFound(chatId);
        if (!Common.Security.CaseAccess.StaffMayOpen(user, tier))
        {
            // Like a random id: a chat above the caller's tier does not exist for them.
            throw NotFound(chatId);
        }
    }
}
