using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Identity;

namespace HelpDesk.Web.Api;

/// <summary>
/// <c>POST /api/v1/auth/login</c> in two steps for accounts with two-factor sign-in: the password answers 401 with
/// <c>twoFactorRequired</c> and a short-lived <c>challenge</c>; <c>POST /api/v1/auth/login/two-factor</c> with the challenge
/// and an authenticator code (or a recovery code) returns the tokens. Wrong codes count towards lockout.
/// </summary>
internal sealed class TwoFactorLogin(SignInManager<HelpDeskUser> signIn, SecondFactor secondFactor, TwoFactorChallenges challenges)
{
    public sealed record TwoFactorRequest(string? Challenge, string? Code, string? RecoveryCode);

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Locked() => TypedResults.Problem(
        SignInMessages.LockedOut, statusCode: StatusCodes.Status423Locked, title: "Account locked");

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Incorrect() =>
        TypedResults.Problem(SignInMessages.Incorrect, statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");

    /// <summary>Checks the password without signing in; signs in (tokens written) only when no second factor stands in the way.</summary>
    public async Task<IResult> PasswordStepAsync(string email, string password)
    {
        var users = signIn.UserManager;
        var user = await users.FindByNameAsync(email) ?? await users.FindByEmailAsync(email);
        if (user is null)
        {
            return Incorrect();
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return Locked();
        }

        if (result.IsNotAllowed && await AccountConfirmation.PasswordIsRightAsync(signIn.Context, email, password))
        {
            return TypedResults.Problem(AccountConfirmation.ConfirmFirst, statusCode: StatusCodes.Status403Forbidden, title: "Email address not confirmed");
        }

        if (!result.Succeeded)
        {
            return Incorrect();
        }

        if (await users.GetTwoFactorEnabledAsync(user))
        {
            return TypedResults.Problem(
                "Enter the 6-digit code from your authenticator app (or a recovery code) at POST /api/v1/auth/login/two-factor with this challenge.",
                statusCode: StatusCodes.Status401Unauthorized, title: "Second factor required",
                extensions: new Dictionary<string, object?>
                {
                    ["twoFactorRequired"] = true,
                    ["challenge"] = challenges.Issue(user),
                    ["expiresInSeconds"] = (int)challenges.Lifetime.TotalSeconds,
                });
        }

        if (await secondFactor.IsRequiredForAsync(user))
        {
            return TypedResults.Problem(
                "Your role requires two-factor sign-in. Sign in in the browser and set up an authenticator at /Account/TwoFactor first.",
                statusCode: StatusCodes.Status403Forbidden, title: "Two-factor sign-in must be set up",
                extensions: new Dictionary<string, object?> { ["twoFactorSetupRequired"] = true });
        }

        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.Empty; // the bearer handler has written the token response
    }

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/auth/login/two-factor", SecondStepAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit).WithTags("Auth")
            .WithSummary("Second step of signing in with two-factor sign-in: the challenge from POST /api/v1/auth/login and a code from the authenticator app, or a single-use recovery code. Wrong codes count towards lockout.")
            .Produces<Microsoft.AspNetCore.Authentication.BearerToken.AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);

    private static async Task<IResult> SecondStepAsync(TwoFactorRequest request, TwoFactorChallenges challenges, SecondFactor secondFactor, SignInManager<HelpDeskUser> signIn)
    {
        var expired = TypedResults.Problem("The sign-in challenge is not valid or has expired. Sign in again with your password.",
            statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        if (challenges.Read(request?.Challenge) is not { } challenge
            || await signIn.UserManager.FindByIdAsync(challenge.UserId) is not { } user
            || !string.Equals(user.SecurityStamp, challenge.Stamp, StringComparison.Ordinal)
            || !await signIn.CanSignInAsync(user)
            || !await signIn.UserManager.GetTwoFactorEnabledAsync(user))
        {
            return expired;
        }

        var recovery = string.IsNullOrWhiteSpace(request!.Code);
        switch (await secondFactor.CheckAsync(user, recovery ? request.RecoveryCode : request.Code, recovery))
        {
            case SecondFactorOutcome.LockedOut:
                return Locked();
            case SecondFactorOutcome.Wrong:
                return TypedResults.Problem(recovery
                        ? "That recovery code is not valid (each one works once)."
                        : "That code is not right. Check that your device's clock is correct and enter the current code.",
                    statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInWithSecondFactorAsync(user);
        return TypedResults.Empty;
    }
}
