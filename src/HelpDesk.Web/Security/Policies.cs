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

    /// <summary>Every other anonymous entry point (a guest's chat calls, the satisfaction link): per client IP.</summary>
    public const string AnonymousRateLimit = "anonymous";
}
