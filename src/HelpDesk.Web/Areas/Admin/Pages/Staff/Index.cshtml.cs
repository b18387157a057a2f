using HelpDesk.Application.Common;
using HelpDesk.Application.Staff;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Staff;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public StaffPage Staff { get; private set; } = new([], 1, PageSize, 0);

    public async Task OnGetAsync() => Staff = await mediator.Send(new ListStaff.Query(PageNumber, PageSize), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitation)
    {
        try
        {
            await mediator.Send(new RevokeStaffInvitation.Command(invitation), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["The invitation is withdrawn; its link no longer works."].Value;
            return RedirectToPage(new { p = PageNumber });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            await OnGetAsync();
            return Page();
        }
    }
}
