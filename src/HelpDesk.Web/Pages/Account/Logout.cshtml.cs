using HelpDesk.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<HelpDeskUser> signIn, HelpDesk.Web.Security.SessionStore sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Ending the session server-side: a copy of the cookie no longer signs anyone in.
        await sessions.RevokeAsync(User, "signed out", HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        TempData["Flash"] = "You have signed out.";
        return RedirectToPage("/Index");
    }
}
