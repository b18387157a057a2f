using HelpDesk.Application.Common;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Email;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Email;

/// <summary>
/// "Ignored mail": every inbound email that opened no case, with its reason, filterable by reason, mailbox and days (in the
/// viewer's zone), paged; raw download, "Make it a case" and "Add to case" (staff, audited, idempotent).
/// </summary>
public sealed class IgnoredModel(IMediator mediator, ViewerTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public IgnoredReason? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Mailbox { get; set; }

    /// <summary>First day shown (inclusive), in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    /// <summary>Last day shown (inclusive), in the viewer's time zone.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IgnoredMailPage Mail { get; private set; } = new([], 1, PageSize, 0, []);

    public int Pages => Math.Max(1, (Mail.Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetRawAsync(Guid id)
    {
        var file = await mediator.Send(new GetIgnoredMailRaw.Query(id), HttpContext.RequestAborted);
        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return File(file.Content, "application/octet-stream", file.FileName);
    }

    public async Task<IActionResult> OnPostCaseAsync(Guid id, string? caseNumber)
    {
        try
        {
            var result = await mediator.Send(new ActOnIgnoredMail.Command(id, string.IsNullOrWhiteSpace(caseNumber) ? null : caseNumber), HttpContext.RequestAborted);
            TempData["Flash"] = (result.AlreadyDone
                ? localizer["This email had already gone to case {0}; nothing changed.", result.CaseNumber]
                : string.IsNullOrWhiteSpace(caseNumber)
                    ? localizer["Case {0} was opened from the email.", result.CaseNumber]
                    : localizer["The email was added to case {0}.", result.CaseNumber]).Value;
            return RedirectToPage(new { Reason, Mailbox, From = Day(From), To = Day(To), p = PageNumber });
        }
        catch (NotFoundException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }

        await LoadAsync();
        return Page();
    }

    private static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task LoadAsync()
    {
        PageNumber = Math.Max(1, PageNumber);
        if (!ModelState.IsValid)
        {
            return;
        }

        try
        {
            Mail = await mediator.Send(new ListIgnoredMail.Query(Reason, Mailbox, time.StartOfDay(From), time.StartOfDay(To?.AddDays(1)), PageNumber, PageSize), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }
    }
}
