using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

internal static class AccountPages
{
    /// <summary>The per-address limit's answer on a page: 429, the form again, and what to do.</summary>
    public static IActionResult TooMany(PageModel page, IStringLocalizer l)
    {
        page.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        page.Response.Headers.RetryAfter = "3600";
        page.ModelState.AddModelError(string.Empty, l[AccountEmailLimiter.TooMany]);
        return page.Page();
    }
}
