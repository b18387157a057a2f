using HelpDesk.Application.Common.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(Roles.Agent) || User.IsInRole(Roles.Supervisor))
        {
            return RedirectToPage("/Index", new { area = "Agent" });
        }

        if (User.IsInRole(Roles.Subscriber))
        {
            return RedirectToPage("/Cases/Index", new { area = "Portal" });
        }

        return Page();
    }
}
