using System.ComponentModel.DataAnnotations;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace HelpDesk.Web.Pages.Account;

[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class LoginModel(SignInManager<HelpDeskUser> signIn, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>The account's address is not confirmed yet: the page offers "Resend confirmation".</summary>
    public bool NeedsConfirmation { get; private set; }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        [StringLength(254)]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [StringLength(128)]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {Email} signed in", Input.Email);
            if (Url.IsLocalUrl(ReturnUrl))
            {
                return LocalRedirect(ReturnUrl);
            }

            // With nowhere asked for, each person lands where their work is: an administrator on /Admin (issue 15).
            var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
            return LocalRedirect(user is not null && await signIn.UserManager.IsInRoleAsync(user, HelpDesk.Application.Common.Security.Roles.Admin) ? "/Admin" : "/");
        }

        if (result.IsNotAllowed && await AccountConfirmation.PasswordIsRightAsync(HttpContext, Input.Email, Input.Password))
        {
            // Only with the right password does the page say the address is unconfirmed (ADR 0113).
            ModelState.AddModelError(string.Empty, AccountConfirmation.ConfirmFirst);
            NeedsConfirmation = true;
            return Page();
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("/Account/LoginWith2fa", new { ReturnUrl });
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? SignInMessages.LockedOut
            : SignInMessages.Incorrect);
        return Page();
    }
}
