using HelpDesk.Application.Credits;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Credits;

/// <summary>The credit authority policy in force and every earlier version.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public CreditPolicyView? Current { get; private set; }

    public IReadOnlyList<CreditPolicyView> Versions { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Versions = await mediator.Send(new ListCreditPolicyVersions.Query());
        Current = await mediator.Send(new GetCreditPolicy.Query());
    }
}
