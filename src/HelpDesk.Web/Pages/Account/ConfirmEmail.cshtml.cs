using HelpDesk.Application.Accounts;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// The confirmation link. Opening it changes nothing (mail scanners open links); the person enters the password they
/// chose, which confirms the address, claims an earlier contact with it, and signs them in to the welcome page (ADR 0113).
/// </summary>
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class ConfirmEmailModel(IMediator mediator, SignInManager<HelpDeskUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool InvalidLink { get; private set; }

    public sealed class InputModel
    {
        public string UserId { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
        public string Password { get; set; } = string.Empty;
    }

    public void OnGet(string? userId, string? code)
    {
        Input.UserId = userId ?? string.Empty;
        Input.Code = code ?? string.Empty;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", l["Enter the password you chose when you registered."]);
            return Page();
        }

        var result = await mediator.Send(new ConfirmAccount.Command(Input.UserId ?? string.Empty, Input.Code ?? string.Empty, Input.Password));
        switch (result.Outcome)
        {
            case ConfirmOutcome.Confirmed:
                var user = await signIn.UserManager.FindByIdAsync(Input.UserId!);
                await signIn.SignInAsync(user!, isPersistent: false);
                return RedirectToPage("/Welcome", new { area = "Portal" });
            case ConfirmOutcome.AlreadyConfirmed:
                TempData["Flash"] = l["Your email address is already confirmed. Sign in."].Value;
                return RedirectToPage("/Account/Login");
            case ConfirmOutcome.WrongPassword:
                ModelState.AddModelError("Input.Password", l["That is not the password chosen for this account. If you did not create it, ignore the email; nothing happens."]);
                return Page();
            case ConfirmOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, l[SignInMessages.LockedOut]);
                return Page();
            default:
                InvalidLink = true;
                ModelState.AddModelError(string.Empty, l["This link is not valid: it has expired or it was changed. Ask for a new one."]);
                return Page();
        }
    }
}
