using HelpDesk.Application.Accounts;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class RegisterModel(IMediator mediator, SignInManager<HelpDeskUser> signIn, UserManager<HelpDeskUser> users) : PageModel
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
            var result = await mediator.Send(new RegisterSubscriber.Command(
                Input.Email ?? string.Empty, Input.Password ?? string.Empty, Input.FirstName ?? string.Empty, Input.LastName ?? string.Empty,
                string.IsNullOrWhiteSpace(Input.Country) ? "US" : Input.Country, "en", string.IsNullOrWhiteSpace(Input.TimeZone) ? "UTC" : Input.TimeZone));
            var user = await users.FindByIdAsync(result.UserId);
            await signIn.SignInAsync(user!, isPersistent: false);
            TempData["Flash"] = "Welcome! Your account is ready.";
            return RedirectToPage("/Cases/Index", new { area = "Portal" });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }
    }
}
