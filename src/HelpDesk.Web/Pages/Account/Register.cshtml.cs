using HelpDesk.Application.Accounts;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class RegisterModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string Email { get; set; } = string.Empty;
        public string Password { get; set; } = string.Empty;
        public string FirstName { get; set; } = string.Empty;
        public string LastName { get; set; } = string.Empty;
        public string Country { get; set; } = "US";
        public string TimeZone { get; set; } = "UTC";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            // Known or new address, the same answer (no sign-in, no "already exists"): the email says what happened.
            await mediator.Send(new RegisterSubscriber.Command(
                Input.Email ?? string.Empty, Input.Password ?? string.Empty, Input.FirstName ?? string.Empty, Input.LastName ?? string.Empty,
                string.IsNullOrWhiteSpace(Input.Country) ? "US" : Input.Country, "en", string.IsNullOrWhiteSpace(Input.TimeZone) ? "UTC" : Input.TimeZone));
            TempData["Flash"] = l["Check your email to continue. Open the link we sent you and enter your password to confirm your address; then you are signed in."].Value;
            return RedirectToPage("/Account/Login");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }
    }
}
