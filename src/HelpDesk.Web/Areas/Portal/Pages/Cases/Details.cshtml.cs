using HelpDesk.Application.Cases;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Escalations;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Cases;

public sealed class DetailsModel(IMediator mediator) : PageModel
{
    public CaseDetails? Case { get; private set; }

    /// <summary>What was credited on this case (only issued credits; requests and notes stay with the staff).</summary>
    public IReadOnlyList<GetCaseCredits.CaseCredit> Credits { get; private set; } = [];

    public string StageLabel => PortalText.Stage(Case!.Stage);

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    /// <summary>The subscriber's own requests for a supervisor, with their answer time and outcome (_AskSupervisor.cshtml).</summary>
    public IReadOnlyList<EscalationView> SupervisorRequests { get; private set; } = [];

    [BindProperty]
    public AskSupervisorInput AskSupervisor { get; set; } = new();

    public sealed class AskSupervisorInput
    {
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnPostAskSupervisorAsync(Guid id)
    {
        try
        {
            await mediator.Send(new AskForSupervisor.Command(id, AskSupervisor.Reason ?? string.Empty), HttpContext.RequestAborted);
            TempData["Flash"] = "A supervisor has your case.";
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(AskSupervisor)))
        {
            await LoadAsync(id);
            return Page();
        }
    }

    public sealed class ReplyInput
    {
        public string Body { get; set; } = string.Empty;
        public Guid RequestId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Reply.RequestId = Guid.NewGuid();
        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(Guid id)
    {
        try
        {
            await mediator.Send(new AddMessage.Command(id, Reply.Body ?? string.Empty, Internal: false, Reply.RequestId == Guid.Empty ? null : Reply.RequestId), HttpContext.RequestAborted);
            TempData["Flash"] = "Your reply was sent.";
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Reply)))
        {
            await LoadAsync(id);
            return Page();
        }
    }

    /// <summary>Everything the page shows, in one request (GetPortalCase: one SQL statement, which is also the authorization).</summary>
    private async Task LoadAsync(Guid id)
    {
        var read = await mediator.Send(new GetPortalCase.Query(id), HttpContext.RequestAborted);
        (Case, Credits, SupervisorRequests) = (read.Case, read.Credits, read.SupervisorRequests);
    }
}
