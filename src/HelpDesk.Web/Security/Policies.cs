namespace HelpDesk.Web.Security;

public static class Policies
{
    public const string Subscriber = "Subscriber";
    public const string Staff = "Staff";
    public const string Admin = "Admin";
    public const string Api = "Api";
    public const string SignInRateLimit = "sign-in";
    public const string CallbackRateLimit = "callbacks";
    public const string ChatStartRateLimit = "chat-starts";

    /// <summary>Requests that mail an account link (password reset, resend confirmation): per client IP (ADR 0113).</summary>
    public const string AccountEmailRateLimit = "account-emails";

    /// <summary>Every other anonymous entry point (a guest's chat calls, the satisfaction link): per client IP.</summary>
    public const string AnonymousRateLimit = "anonymous";
}
