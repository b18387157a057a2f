using HelpDesk.Application.Queues;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    /// <summary>TempData key for why "Get next case" took nothing.</summary>
    public const string ClaimNoticeKey = "ClaimNotice";

    public IReadOnlyList<ListQueues.QueueSummary> Queues { get; private set; } = [];

    public async Task OnGetAsync() => Queues = await mediator.Send(new ListQueues.Query());

    /// <summary>Just the table rows, fetched by the live queue script when a queue changes.</summary>
    public async Task<PartialViewResult> OnGetRowsAsync() => Partial("_QueueRows", await mediator.Send(new ListQueues.Query()));
}
