using HelpDesk.Application.Credits;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Account;

/// <summary>The subscriber's account: the credits given to them, newest first, and the balance per currency.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public GetMyCredits.Result Credits { get; private set; } = new([], []);

    public async Task OnGetAsync() => Credits = await mediator.Send(new GetMyCredits.Query());
}
