using HelpDesk.Application.Accounts;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>The emailed reset link: choose a new password. Every session of the account ends (ADR 0108, 0113).</summary>
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class ResetPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new() { ["Token"] = string.Empty, ["UserId"] = string.Empty };

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string UserId { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
        public string NewPassword { get; set; } = string.Empty;
    }

    public void OnGet(string? userId, string? code)
    {
        Input.UserId = userId ?? string.Empty;
        Input.Code = code ?? string.Empty;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await mediator.Send(new ResetPassword.Command(Input.UserId ?? string.Empty, Input.Code ?? string.Empty, Input.NewPassword ?? string.Empty));
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, fields: Fields))
        {
            return Page();
        }

        TempData["Flash"] = l["Your password is changed and every device was signed out. Sign in with the new password."].Value;
        return RedirectToPage("/Account/Login");
    }
}
