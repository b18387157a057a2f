using HelpDesk.Application.Common;
using HelpDesk.Application.Incidents;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Incidents;

/// <summary>One incident: scope, affected count, history, notification progress (polled), linked cases, reply to all.</summary>
public sealed class DetailsModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IncidentDetails? Incident { get; private set; }

    [BindProperty]
    public LinkInput Link { get; set; } = new();

    [BindProperty]
    public ReplyInput Reply { get; set; } = new();

    [BindProperty]
    public CreditInput Credit { get; set; } = new();

    public sealed class CreditInput
    {
        public string Method { get; set; } = nameof(Domain.Incidents.IncidentCreditMethod.FixedPerCurrency);

        /// <summary>"EUR 5, USD 5".</summary>
        public string? Amounts { get; set; }

        public decimal? Percent { get; set; }
        public string? Note { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class LinkInput
    {
        public string? Case { get; set; }
        public Guid CaseId { get; set; }
    }

    public sealed class ReplyInput
    {
        public string? Body { get; set; }
        public bool ResolveCases { get; set; }
        public Guid RequestId { get; set; } = Guid.NewGuid();
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Notification progress for the page's script: per notice, queued / delivered / failed of the total.</summary>
    public async Task<IActionResult> OnGetProgressAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var credit = Incident!.Credit;
        return new JsonResult(new
        {
            notices = Incident.Updates.Where(u => u.Notice is not null).Select(u => u.Notice!).Select(n => new
            {
                id = n.Id, status = n.Status.ToString(), total = n.Total, queued = n.Queued, delivered = n.Delivered, failed = n.Failed,
                text = localizer["{0} of {1} emailed ({2} delivered, {3} failed)", n.Queued, n.Total, n.Delivered, n.Failed].Value,
            }),
            credit = credit is null ? null : new
            {
                id = credit.Id, status = credit.Status.ToString(), total = credit.PreviewCount, done = credit.Issued + credit.Skipped,
                text = localizer["{0} of {1} credited ({2} without a credit in their currency)", credit.Issued, credit.PreviewCount, credit.Skipped].Value,
            },
        });
    }

    public Task<IActionResult> OnPostLinkAsync(Guid id) => ActAsync(id, nameof(Link), async () =>
    {
        var result = await mediator.Send(new LinkIncidentCase.Command(id, Link.Case ?? string.Empty), HttpContext.RequestAborted);
        return result.AlreadyLinked
            ? localizer["Case {0} was already linked.", result.Number].Value
            : localizer["Case {0} linked.", result.Number].Value;
    });

    public Task<IActionResult> OnPostUnlinkAsync(Guid id) => ActAsync(id, nameof(Link), async () =>
    {
        await mediator.Send(new UnlinkIncidentCase.Command(id, Link.CaseId), HttpContext.RequestAborted);
        return localizer["Case unlinked."].Value;
    });

    public Task<IActionResult> OnPostReplyAsync(Guid id) => ActAsync(id, nameof(Reply), async () =>
    {
        var result = await mediator.Send(new ReplyToLinkedCases.Command(id, Reply.RequestId, Reply.Body ?? string.Empty, Reply.ResolveCases), HttpContext.RequestAborted);
        return localizer["Replied on {0} linked cases ({1} had this reply already, {2} could not be answered).", result.Replied, result.AlreadyReplied, result.Skipped].Value;
    });

    public Task<IActionResult> OnPostProposeCreditAsync(Guid id) => ActAsync(id, nameof(Credit), async () =>
    {
        Dictionary<string, decimal>? amounts = null;
        if (Credit.Method == nameof(Domain.Incidents.IncidentCreditMethod.FixedPerCurrency) && !IncidentInput.TryParseAmounts(Credit.Amounts, out amounts))
        {
            throw new FluentValidation.ValidationException([new FluentValidation.Results.ValidationFailure("Amounts",
                localizer["Write each amount as a currency and a number, separated by commas, such as \"EUR 5, USD 5\"."].Value)]);
        }

        var run = await mediator.Send(new ProposeIncidentCredit.Command(id, Credit.Method, amounts, Credit.Percent, Credit.Note), HttpContext.RequestAborted);
        return localizer["Credit proposed for {0} subscribers ({1}); it waits for a supervisor's approval.", run.PreviewCount, run.PreviewTotals].Value;
    });

    public Task<IActionResult> OnPostApproveCreditAsync(Guid id) => ActAsync(id, nameof(Credit), async () =>
    {
        await mediator.Send(new DecideIncidentCredit.Command(id, Approve: true), HttpContext.RequestAborted);
        return localizer["Credit approved; it is being issued."].Value;
    });

    public Task<IActionResult> OnPostRejectCreditAsync(Guid id) => ActAsync(id, nameof(Credit), async () =>
    {
        await mediator.Send(new DecideIncidentCredit.Command(id, Approve: false, Credit.Reason), HttpContext.RequestAborted);
        return localizer["Credit rejected."].Value;
    });

    private async Task<IActionResult> ActAsync(Guid id, string prefix, Func<Task<string>> act)
    {
        try
        {
            TempData["Flash"] = await act();
            return RedirectToPage(new { id });
        }
        catch (ForbiddenException)
        {
            return NotFound();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, prefix))
        {
            return await LoadAsync(id) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Incident = await mediator.Send(new GetIncident.Query(id), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
