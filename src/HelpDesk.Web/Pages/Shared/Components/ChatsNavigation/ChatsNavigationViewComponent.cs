using HelpDesk.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.ChatsNavigation;

/// <summary>Staff navigation entry for the chat queue, with the number of chats waiting that this agent may accept in their languages (kept live by agent-chat.js).</summary>
public sealed class ChatsNavigationViewComponent(NavigationBadges badges) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.HasClaim(c => c.Type == HelpDeskClaims.AgentId))
        {
            return Content(string.Empty);
        }

        return await badges.GetAsync(HttpContext.RequestAborted) is { } counts ? View(counts.ChatsWaiting) : Content(string.Empty);
    }
}
