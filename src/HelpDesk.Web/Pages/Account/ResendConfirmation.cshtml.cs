using HelpDesk.Application.Accounts;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>A new confirmation link for an unconfirmed account; the same answer for any address (ADR 0113).</summary>
[EnableRateLimiting(Policies.AccountEmailRateLimit)]
public sealed class ResendConfirmationModel(IMediator mediator, AccountEmailLimiter limiter, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;
    }

    public void OnGet(string? email) => Input.Email = email ?? string.Empty;

    public async Task<IActionResult> OnPostAsync()
    {
        if (!limiter.TryAcquire(Input.Email))
        {
            return AccountPages.TooMany(this, l);
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await mediator.Send(new ResendConfirmation.Command(Input.Email ?? string.Empty));
            await EvenTiming.PadAsync(started, HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }

        TempData["Flash"] = l[ResendConfirmation.Answer].Value;
        return RedirectToPage("/Account/Login");
    }
}
