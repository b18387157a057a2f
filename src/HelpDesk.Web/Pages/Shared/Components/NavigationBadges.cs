using HelpDesk.Application.Agents;
using HelpDesk.Application.Common;
using Mediator;

namespace HelpDesk.Web.Pages.Shared.Components;

/// <summary>
/// The staff navigation's counts for this request, read once (<see cref="GetNavigationBadges"/>, one SQL statement) and
/// shared by the chats, notifications and approvals entries. Null for someone without an agent profile.
/// </summary>
public sealed class NavigationBadges(IMediator mediator)
{
    private Task<GetNavigationBadges.Result?>? _badges;

    public Task<GetNavigationBadges.Result?> GetAsync(CancellationToken cancellationToken) => _badges ??= LoadAsync(cancellationToken);

    private async Task<GetNavigationBadges.Result?> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await mediator.Send(new GetNavigationBadges.Query(), cancellationToken);
        }
        catch (ForbiddenException)
        {
            return null;
        }
    }
}
