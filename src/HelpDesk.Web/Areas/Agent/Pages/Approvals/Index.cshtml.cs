using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Approvals;

/// <summary>
/// The supervisors' approvals inbox: pending credit and escalation requests, oldest first, each approved or rejected with one click
/// (a comment is required to reject). Sections live in _ApprovalSections.cshtml so other kinds of approval can join.
/// Refreshed live on "approvalsChanged" by fetching the <c>Sections</c> handler.
/// </summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ListPendingCreditRequests.PendingCredit> Credits { get; private set; } = [];

    /// <summary>Escalation requests waiting for a supervisor (_EscalationApprovals.cshtml; decided on /Agent/Escalations/Pending).</summary>
    public IReadOnlyList<HelpDesk.Application.Escalations.ListPendingEscalations.PendingEscalation> Escalations { get; private set; } = [];

    /// <summary>The request the last refused decision was about, so its error is shown next to it.</summary>
    public Guid? FailedRequest { get; private set; }

    [BindProperty]
    public DecisionInput Decision { get; set; } = new();

    public sealed class DecisionInput
    {
        public Guid RequestId { get; set; }
        public string? Comment { get; set; }
    }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync();

    /// <summary>The inbox sections alone (for the live refresh).</summary>
    public async Task<IActionResult> OnGetSectionsAsync()
    {
        var result = await LoadAsync();
        return result is PageResult ? Partial("_ApprovalSections", this) : result;
    }

    /// <summary>The number of requests waiting (the navigation badge's live refresh).</summary>
    public async Task<IActionResult> OnGetCountAsync()
    {
        try
        {
            return new JsonResult(new { pending = await mediator.Send(new HelpDesk.Application.Escalations.CountPendingApprovals.Query()) });
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    public Task<IActionResult> OnPostApproveAsync() => DecideAsync(async () =>
    {
        var decided = await mediator.Send(new ApproveCreditRequest.Command(Decision.RequestId, string.IsNullOrWhiteSpace(Decision.Comment) ? null : Decision.Comment));
        return string.Format(CultureInfo.CurrentCulture, "Approved: a credit of {0} was issued.", Money.Format(decided.Amount, decided.Currency));
    });

    public Task<IActionResult> OnPostRejectAsync() => DecideAsync(async () =>
    {
        var decided = await mediator.Send(new RejectCreditRequest.Command(Decision.RequestId, Decision.Comment ?? string.Empty));
        return string.Format(CultureInfo.CurrentCulture, "Rejected the credit of {0}; {1} is told why.", Money.Format(decided.Amount, decided.Currency), decided.RequestedBy);
    });

    private async Task<IActionResult> DecideAsync(Func<Task<string>> decide)
    {
        try
        {
            TempData["Flash"] = await decide();
            return RedirectToPage("Index");
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (NotFoundException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Decision)))
        {
        }

        FailedRequest = Decision.RequestId;
        return await LoadAsync();
    }

    private async Task<IActionResult> LoadAsync()
    {
        try
        {
            Credits = await mediator.Send(new ListPendingCreditRequests.Query());
            Escalations = await mediator.Send(new HelpDesk.Application.Escalations.ListPendingEscalations.Query());
            return Page();
        }
        catch (ForbiddenException)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }
}
