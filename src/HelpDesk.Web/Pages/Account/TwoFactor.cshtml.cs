using System.Text;
using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using QRCoder;

namespace HelpDesk.Web.Pages.Account;

/// <summary>
/// Staff set up (or, where their role allows, turn off) two-factor sign-in: an authenticator app by QR code or key, then
/// recovery codes shown once. A person whose role requires it is kept on this page until it is set up (TwoFactorGate).
/// </summary>
[EnableRateLimiting(Policies.AnonymousRateLimit)]
public sealed class TwoFactorModel(
    SignInManager<HelpDeskUser> signIn, SecondFactor secondFactor, IUserStore<HelpDeskUser> store, SessionStore sessions,
    IStringLocalizer<SharedResource> localizer) : PageModel
{
    private const int RecoveryCodeCount = 10;

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string SharedKey { get; private set; } = string.Empty;
    public string QrCodeDataUri { get; private set; } = string.Empty;
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }
    public string ContinueUrl { get; private set; } = "/";

    [BindProperty]
    public string? Code { get; set; }

    private UserManager<HelpDeskUser> Users => signIn.UserManager;

    /// <summary>
    /// Staff only. Checked here rather than with [Authorize] so that a POST without its antiforgery token is refused (400)
    /// before anything else, as on every other form.
    /// </summary>
    [NonHandler]
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (User.Identity?.IsAuthenticated != true)
        {
            context.Result = Challenge();
            return;
        }

        if (!User.IsInRole(Roles.Agent) && !User.IsInRole(Roles.Supervisor) && !User.IsInRole(Roles.Admin))
        {
            context.Result = Forbid();
            return;
        }

        await next();
    }

    public async Task<IActionResult> OnGetAsync() =>
        await Users.GetUserAsync(User) is { } user ? await ShowAsync(user) : Challenge();

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        var code = (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (code.Length == 0 || !await Users.VerifyTwoFactorTokenAsync(user, Users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError(string.Empty, code.Length == 0
                ? localizer["Enter the 6-digit code from your authenticator app."]
                : localizer["That code is not right. Check that your device's clock is correct and enter the current code."]);
            return await ShowAsync(user);
        }

        // Turning it on changes the security stamp (every other session ends); this browser gets a fresh session.
        await Users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await RenewSessionAsync(user);
        await ShowAsync(user);
        ContinueUrl = await Users.IsInRoleAsync(user, Roles.Admin) ? "/Admin" : "/";
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = (await Users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList();
        await ShowAsync(user);
        ContinueUrl = Url.Page("/Account/TwoFactor") ?? "/";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        if (await Users.GetUserAsync(User) is not { } user)
        {
            return Challenge();
        }

        if (!user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (await secondFactor.IsRequiredForAsync(user))
        {
            ModelState.AddModelError(string.Empty, localizer["Your role requires two-factor sign-in, so it cannot be turned off."]);
            return await ShowAsync(user);
        }

        await Users.SetTwoFactorEnabledAsync(user, false);
        await Users.ResetAuthenticatorKeyAsync(user);
        await RenewSessionAsync(user);
        TempData["Flash"] = localizer["Two-factor sign-in is off."].Value;
        return RedirectToPage();
    }

    private async Task RenewSessionAsync(HelpDeskUser user)
    {
        await sessions.RevokeAsync(User, "two-factor sign-in changed", HttpContext.RequestAborted);
        await signIn.SignInWithSecondFactorAsync(user);
    }

    private async Task<IActionResult> ShowAsync(HelpDeskUser user)
    {
        Enabled = await Users.GetTwoFactorEnabledAsync(user);
        Required = await secondFactor.IsRequiredForAsync(user);
        RecoveryCodesLeft = Enabled ? await Users.CountRecoveryCodesAsync(user) : 0;
        if (!Enabled)
        {
            var key = await secondFactor.EnsureAuthenticatorKeyAsync(user, store);
            SharedKey = FormatKey(key);
            var email = await Users.GetEmailAsync(user) ?? user.UserName ?? "staff";
            var uri = $"otpauth://totp/{Uri.EscapeDataString("HelpDesk")}:{Uri.EscapeDataString(email)}?secret={key}&issuer={Uri.EscapeDataString("HelpDesk")}&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        }

        return Page();
    }

    /// <summary>The key in groups of four, lower case, as authenticator apps ask for it.</summary>
    private static string FormatKey(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }
}
