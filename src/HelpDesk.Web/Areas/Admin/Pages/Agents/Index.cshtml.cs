using HelpDesk.Application.Admin;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Agents;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<AgentProfileModel> Agents { get; private set; } = [];

    public async Task OnGetAsync() => Agents = await mediator.Send(new ListAgentProfiles.Query());
}
