using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.ChatsNavigation;

/// <summary>Staff navigation entry for the chat queue, with the number of chats waiting that this agent may accept in their languages (kept live by agent-chat.js).</summary>
public sealed class ChatsNavigationViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!UserClaimsPrincipal.HasClaim(c => c.Type == HelpDeskClaims.AgentId))
        {
            return Content(string.Empty);
        }

        try
        {
            var queue = await mediator.Send(new ListChatQueue.Query(), HttpContext.RequestAborted);
            var scope = await mediator.Send(new GetAgentChatScope.Query(), HttpContext.RequestAborted);
            return View(queue.Chats.Count(c => scope.Speaks(c.Language)));
        }
        catch (ForbiddenException)
        {
            return Content(string.Empty);
        }
    }
}
