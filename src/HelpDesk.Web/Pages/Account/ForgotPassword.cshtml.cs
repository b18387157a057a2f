using HelpDesk.Application.Accounts;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>"Forgot password?": the same answer for any address; limited per IP and per address (ADR 0113).</summary>
[EnableRateLimiting(Policies.AccountEmailRateLimit)]
public sealed class ForgotPasswordModel(IMediator mediator, AccountEmailLimiter limiter, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!limiter.TryAcquire(Input.Email))
        {
            return AccountPages.TooMany(this, l);
        }

        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await mediator.Send(new RequestPasswordReset.Command(Input.Email ?? string.Empty));
            await EvenTiming.PadAsync(started, HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }

        TempData["Flash"] = l[RequestPasswordReset.Answer].Value;
        return RedirectToPage("/Account/Login");
    }
}
