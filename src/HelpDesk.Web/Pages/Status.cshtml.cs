using HelpDesk.Application.Incidents;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages;

/// <summary>The public status page: open incidents and those resolved in the last week, public updates only (no internal notes).</summary>
[AllowAnonymous]
[OutputCache(PolicyName = Hosting.PublicPageCache.StatusPolicy)]
[EnableRateLimiting(Security.Policies.AnonymousRateLimit)]
public sealed class StatusModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<PublicIncident> Incidents { get; private set; } = [];

    public async Task OnGetAsync() => Incidents = await mediator.Send(new ListPublicIncidents.Query(), HttpContext.RequestAborted);
}
