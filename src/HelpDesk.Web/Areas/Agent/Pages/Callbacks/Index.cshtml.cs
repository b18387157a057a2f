using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Callbacks;

/// <summary>The callback queue (promised window, then priority), "Claim next callback" and the claimed call's outcome form.</summary>
public sealed class IndexModel(IMediator mediator, ICurrentUser user, HelpDesk.Web.Time.ViewerTime time) : PageModel
{
    public ListCallbacks.Result Queue { get; private set; } = new([], 1, ListCallbacks.DefaultPageSize, 0);

    /// <summary>The callback this agent holds, if any.</summary>
    public CallbackView? Held { get; private set; }

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public OutcomeInput Outcome { get; set; } = new();

    public sealed class OutcomeInput
    {
        public Guid CallbackId { get; set; }
        public CallbackOutcome? Result { get; set; }
        public string? Notes { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostClaimAsync()
    {
        var result = await mediator.Send(new ClaimNextCallback.Command());
        TempData["Flash"] = result.Message;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostOutcomeAsync()
    {
        try
        {
            var view = await mediator.Send(new RecordCallbackOutcome.Command(Outcome.CallbackId, Outcome.Result ?? (CallbackOutcome)(-1), Outcome.Notes));
            TempData["Flash"] = view.Status == CallbackStatus.Waiting
                ? $"Recorded. The next call for case {view.CaseNumber} is due on {time.Describe(view.DueAt)}."
                : $"Recorded. The callback for case {view.CaseNumber} is {CallbackRequest.Describe(view.Status)}.";
            return RedirectToPage();
        }
        catch (HelpDesk.Application.Common.NotFoundException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, "Outcome"))
        {
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync()
    {
        Queue = await mediator.Send(new ListCallbacks.Query(null, Math.Max(1, PageNumber)));
        var mine = Queue.Items.FirstOrDefault(i => i.Status == CallbackStatus.Claimed && i.ClaimedById == user.AgentId);
        Held = mine is null ? null : await mediator.Send(new GetCallback.Query(mine.Id));
    }
}
