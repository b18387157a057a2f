using HelpDesk.Application.Accounts;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Portal.Pages.Account;

/// <summary>Change the password: every other session ends; this browser is signed in again with a new session.</summary>
public sealed class PasswordModel(IMediator mediator, SignInManager<HelpDeskUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string CurrentPassword { get; set; } = string.Empty;
        public string NewPassword { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await mediator.Send(new ChangePassword.Command(Input.CurrentPassword ?? string.Empty, Input.NewPassword ?? string.Empty), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }

        // The new security stamp ended every session, this one too: sign this browser in again (a new session).
        var user = await signIn.UserManager.GetUserAsync(User);
        await signIn.SignInAsync(user!, isPersistent: false);
        TempData["Flash"] = l["Your password is changed. Every other device was signed out."].Value;
        return RedirectToPage("/Account/Index");
    }
}
