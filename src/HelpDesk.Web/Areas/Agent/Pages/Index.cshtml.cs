using HelpDesk.Application.Queues;
using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>TempData key for why "Get next case" took nothing.</summary>
    public const string ClaimNoticeKey = "ClaimNotice";

    public IReadOnlyList<ListQueues.QueueSummary> Queues { get; private set; } = [];

    public async Task OnGetAsync() => Queues = await mediator.Send(new ListQueues.Query());
}
