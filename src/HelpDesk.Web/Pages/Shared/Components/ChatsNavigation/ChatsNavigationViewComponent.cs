using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Pages.Shared.Components.ChatsNavigation;

/// <summary>Staff navigation entry for the chat queue, with the number of chats waiting that this agent may accept (kept live by agent-chat.js).</summary>
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
            return View((await mediator.Send(new ListChatQueue.Query(), HttpContext.RequestAborted)).Chats.Count);
        }
        catch (ForbiddenException)
        {
            return Content(string.Empty);
        }
    }
}
