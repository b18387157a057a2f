using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common.Behaviors;

/// <summary>
/// Enforces what each request declares (see <c>Requirements.cs</c>) before validation runs, so every
/// entry point (page, API, hub, worker) gets the same rules.
/// </summary>
public sealed class AuthorizationBehavior<TMessage, TResponse>(ICurrentUser user, IHelpDeskDb db, Chat.ChatParticipantCheck chatParticipants)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var declared = false;
        if (message is IAllowAnonymous)
        {
            declared = true;
        }

        if (message is IRequireSignedIn)
        {
            declared = true;
            RequireSignedIn();
        }

        if (message is IRequireSubscriber)
        {
            declared = true;
            RequireSignedIn();
            if (!user.IsSubscriber())
            {
                throw new ForbiddenException("Only subscribers can do this.");
            }
        }

        if (message is IRequireStaff)
        {
            declared = true;
            RequireSignedIn();
            if (!user.IsStaff())
            {
                throw new ForbiddenException("Only support staff can do this.");
            }
        }

        if (message is IRequireTier tiered)
        {
            declared = true;
            RequireSignedIn();
            if (!user.IsStaff() || user.Tier is null || user.Tier < tiered.MinimumTier)
            {
                throw new ForbiddenException($"Only staff at {tiered.MinimumTier} or above can do this.");
            }
        }

        if (message is IRequireSupervisor)
        {
            declared = true;
            RequireSignedIn();
            if (!user.IsStaff() || !user.IsInRole(Roles.Supervisor))
            {
                throw new ForbiddenException("Only supervisors can do this.");
            }
        }

        if (message is IRequireAdmin)
        {
            declared = true;
            RequireSignedIn();
            if (!user.IsInRole(Roles.Admin))
            {
                throw new ForbiddenException("Only administrators can do this.");
            }
        }

        if (message is IRequireSystem)
        {
            declared = true;
            if (!user.IsInRole(Roles.SystemWorker))
            {
                throw new ForbiddenException("Only HelpDesk's background workers can do this.");
            }
        }

        if (message is ICaseRequest caseRequest)
        {
            declared = true;
            RequireSignedIn();
            await AuthorizeCaseAsync(caseRequest.CaseId, cancellationToken);
        }

        if (message is IPreviousHolderRequest heldCase)
        {
            declared = true;
            RequireSignedIn();
            await Cases.PreviousHolderAccess.AuthorizeAsync(db, user, heldCase.CaseId, cancellationToken);
        }

        if (message is IChatParticipantLockedCommand lockedParticipant)
        {
            // Checked on the chat's row when the command's transaction locks it (ADR 0129).
            declared = true;
            chatParticipants.Expect(lockedParticipant.ChatId, lockedParticipant.AccessToken);
        }
        else if (message is IChatParticipantRequest chatParticipant)
        {
            declared = true;
            await Chat.ChatAccess.AuthorizeParticipantAsync(db, user, chatParticipant.ChatId, chatParticipant.AccessToken, cancellationToken);
        }

        if (message is IChatStaffRequest chatStaff)
        {
            declared = true;
            RequireSignedIn();
            await Chat.ChatAccess.AuthorizeStaffAsync(db, user, chatStaff.ChatId, cancellationToken);
        }

        if (!declared)
        {
            throw new InvalidOperationException(
                $"{typeof(TMessage).FullName} does not declare who may send it; implement one of the interfaces in Common/Security/Requirements.cs.");
        }

        return await next(message, cancellationToken);
    }

    private void RequireSignedIn()
    {
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }
    }

    private async Task AuthorizeCaseAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var target = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new { c.SubscriberId, c.Tier, FromGuestChat = db.ChatConversations.Any(ch => ch.CaseId == c.Id && ch.IsGuest && ch.ClaimedAt == null) })
            .SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            throw NotFoundException.Case(caseId);
        }

        if (user.IsStaff())
        {
            // A case above the caller's tier answers exactly like a random id: its existence does not leak.
            CaseAccess.EnsureStaffMayOpen(user, caseId, target.Tier);
            return;
        }

        // Subscribers learn nothing about cases that are not theirs, not even that they exist.
        // A guest chat's case is an unverified contact's, even when the guest typed this subscriber's email.
        if (!user.IsSubscriber() || user.SubscriberId != target.SubscriberId || target.FromGuestChat)
        {
            throw NotFoundException.Case(caseId);
        }
    }
}
