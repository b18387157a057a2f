using HelpDesk.Application.Accounts;
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

/// <summary>The link sent to a new address. Opening it changes nothing (mail scanners open links); the button does.</summary>
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class ConfirmEmailChangeModel(IMediator mediator, SignInManager<HelpDeskUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new() { ["Token"] = string.Empty };

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string UserId { get; set; } = string.Empty;
        public string Email { get; set; } = string.Empty;
        public string Code { get; set; } = string.Empty;
    }

    public void OnGet(string? userId, string? email, string? code)
    {
        Input.UserId = userId ?? string.Empty;
        Input.Email = email ?? string.Empty;
        Input.Code = code ?? string.Empty;
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await mediator.Send(new ConfirmEmailChange.Command(Input.UserId ?? string.Empty, Input.Email ?? string.Empty, Input.Code ?? string.Empty));
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, fields: Fields))
        {
            return Page();
        }

        // Every session ended with the change, this browser's too.
        await signIn.SignOutAsync();
        TempData["Flash"] = l["Your account now uses {0}. Sign in with it.", Input.Email ?? string.Empty].Value;
        return RedirectToPage("/Account/Login");
    }
}
