using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// The second step of signing in for an account with two-factor sign-in: an authenticator code or a single-use recovery
/// code. The password step left a short-lived two-factor cookie naming the user; wrong codes count towards lockout.
/// </summary>
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class LoginWith2faModel(SignInManager<HelpDeskUser> signIn, SecondFactor secondFactor, IStringLocalizer<SharedResource> localizer, ILogger<LoginWith2faModel> logger)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? RecoveryCode { get; set; }

    public bool ShowRecovery { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Account/Login", new { ReturnUrl }) : Page();

    public Task<IActionResult> OnPostAsync() => VerifyAsync(Code, recovery: false);

    public Task<IActionResult> OnPostRecoveryAsync() => VerifyAsync(RecoveryCode, recovery: true);

    private async Task<IActionResult> VerifyAsync(string? code, bool recovery)
    {
        ShowRecovery = recovery;
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            TempData["Flash"] = localizer["Your sign-in took too long. Enter your email and password again."].Value;
            return RedirectToPage("/Account/Login", new { ReturnUrl });
        }

        if (string.IsNullOrWhiteSpace(code))
        {
            ModelState.AddModelError(string.Empty, recovery ? localizer["Enter one of your recovery codes."] : localizer["Enter the 6-digit code from your authenticator app."]);
            return Page();
        }

        switch (await secondFactor.CheckAsync(user, code, recovery))
        {
            case SecondFactorOutcome.LockedOut:
                ModelState.AddModelError(string.Empty, localizer[SignInMessages.LockedOut]);
                return Page();
            case SecondFactorOutcome.Wrong:
                ModelState.AddModelError(string.Empty, recovery
                    ? localizer["That recovery code is not valid (each one works once)."]
                    : localizer["That code is not right. Check that your device's clock is correct and enter the current code."]);
                return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await signIn.SignInWithSecondFactorAsync(user);
        logger.LogInformation("User {UserId} signed in with a second factor ({Method})", user.Id, recovery ? "recovery code" : "authenticator");
        if (Url.IsLocalUrl(ReturnUrl))
        {
            return LocalRedirect(ReturnUrl);
        }

        return LocalRedirect(await signIn.UserManager.IsInRoleAsync(user, Roles.Admin) ? "/Admin" : "/");
    }
}
