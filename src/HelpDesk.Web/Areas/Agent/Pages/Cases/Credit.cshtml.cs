using System.Globalization;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Domain.Credits;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>
/// Gives a credit on a case (within the agent's authority at once, above it for a supervisor to approve) or reverses
/// an issued one (<c>?reverse=</c>, Tier 2 and above). The form carries a request id made when it was rendered, so a
/// double-click or a resubmitted form creates one credit.
/// </summary>
public sealed class CreditModel(IMediator mediator) : PageModel
{
    public GetCreditOptions.Result? Options { get; private set; }

    public GetCaseCredits.Result? Credits { get; private set; }

    /// <summary>Set when the case comes from an unverified guest chat: the page warns (crediting is not blocked).</summary>
    public HelpDesk.Application.Chat.GuestIdentityView? Guest { get; private set; }

    /// <summary>The issued credit chosen for reversal (from <c>?reverse=</c>).</summary>
    public GetCaseCredits.CaseCredit? ToReverse { get; private set; }

    [BindProperty]
    public CreditInput Input { get; set; } = new();

    [BindProperty]
    public ReverseInput Reversal { get; set; } = new();

    public sealed class CreditInput
    {
        public decimal? Amount { get; set; }
        public string? Currency { get; set; }
        public string? ReasonCode { get; set; }
        public string? Note { get; set; }
        public Guid RequestId { get; set; }
    }

    public sealed class ReverseInput
    {
        public Guid EntryId { get; set; }
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? reverse)
    {
        Input.RequestId = Guid.NewGuid();
        var result = await LoadAsync(id, reverse);
        Input.Currency ??= Options?.Currency;
        return result;
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            var result = await mediator.Send(new IssueCredit.Command(
                id, Input.Amount ?? 0m, Input.Currency ?? string.Empty, Input.ReasonCode ?? string.Empty,
                string.IsNullOrWhiteSpace(Input.Note) ? null : Input.Note, Input.RequestId == Guid.Empty ? null : Input.RequestId), HttpContext.RequestAborted);
            var amount = Money.Format(result.Amount, result.Currency);
            TempData["Flash"] = result.Status == CreditRequestStatus.PendingApproval
                ? string.Format(CultureInfo.CurrentCulture, "The credit of {0} waits for a supervisor's approval: {1}", amount, result.ApprovalReason)
                : string.Format(CultureInfo.CurrentCulture, "A credit of {0} was issued.", amount);
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            return await LoadAsync(id, null);
        }
    }

    public async Task<IActionResult> OnPostReverseAsync(Guid id)
    {
        try
        {
            var line = await mediator.Send(new ReverseCredit.Command(Reversal.EntryId, Reversal.Reason ?? string.Empty), HttpContext.RequestAborted);
            TempData["Flash"] = string.Format(CultureInfo.CurrentCulture, "The credit was reversed ({0}).", Money.Format(line.Amount, line.Currency));
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Reversal)))
        {
            return await LoadAsync(id, Reversal.EntryId);
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id, Guid? reverse)
    {
        try
        {
            Options = await mediator.Send(new GetCreditOptions.Query(id), HttpContext.RequestAborted);
            Credits = await mediator.Send(new GetCaseCredits.Query(id), HttpContext.RequestAborted);
            Guest = await mediator.Send(new HelpDesk.Application.Chat.GetGuestIdentity.Query(id), HttpContext.RequestAborted);
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }

        if (reverse is { } entryId)
        {
            ToReverse = Credits.Credits.FirstOrDefault(c => c.EntryId == entryId && c.Status == CaseCreditStatus.Issued);
            if (ToReverse is null)
            {
                return NotFound();
            }

            if (!Credits.MayReverse)
            {
                return Forbid();
            }

            Reversal.EntryId = entryId;
        }

        return Page();
    }
}
