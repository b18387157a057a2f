using HelpDesk.Application.Common.Abstractions;

namespace HelpDesk.Web.Security;

/// <summary>What sign-in says to an account whose address is not confirmed yet (ADR 0113).</summary>
public static class AccountConfirmation
{
    public const string ConfirmFirst =
        "Confirm your email address first: open the link we emailed you when you registered. No email? Ask for a new link with \"Resend confirmation\".";

    /// <summary>
    /// Identity refuses an unconfirmed account before it looks at the password; the page says "confirm first" only when
    /// the password is right (a wrong one counts towards lockout), so the message tells a stranger nothing.
    /// </summary>
    public static async Task<bool> PasswordIsRightAsync(HttpContext context, string email, string password)
    {
        var accounts = context.RequestServices.GetRequiredService<IAccountIdentity>();
        return await accounts.FindByEmailAsync(email, context.RequestAborted) is { EmailConfirmed: false } account
            && await accounts.CheckPasswordAsync(account.UserId, password, context.RequestAborted);
    }
}
