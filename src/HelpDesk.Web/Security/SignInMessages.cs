namespace HelpDesk.Web.Security;

/// <summary>
/// What every way of signing in (the page, the API's password and second steps, email confirmation) says when it
/// refuses, in one place so the page and the API cannot drift apart; the lockout it names is the one configured.
/// </summary>
public static class SignInMessages
{
    /// <summary>Failed attempts (password, code or confirmation password) before the account is locked.</summary>
    public const int MaxFailedAttempts = 5;

    public const int LockoutMinutes = 15;

    public const string LockedOut = "This account is locked for 15 minutes after too many failed attempts.";

    /// <summary>Never says which of the two was wrong, whether the account exists, or whether it is confirmed.</summary>
    public const string Incorrect = "The email or password is incorrect.";
}
