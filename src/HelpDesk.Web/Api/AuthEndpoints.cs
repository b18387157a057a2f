using System.Security.Claims;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Api;

internal static class AuthEndpoints
{
    public sealed record LoginRequest(string Email, string Password);

    public sealed record RefreshRequest(string RefreshToken);

    public sealed record LogoutRequest(bool? Everywhere);

    public sealed record RegisterRequest(string Email, string Password, string FirstName, string? LastName, string? Country, string? Language, string? TimeZone);

    public sealed record RegisterResponse(string Message);

    public sealed record EmailRequest(string Email);

    public sealed record ResetConfirmRequest(string UserId, string Token, string NewPassword);

    public sealed record ConfirmEmailRequest(string UserId, string Token, string Password);

    public sealed record MessageResponse(string Message);

    public sealed record MeResponse(string UserId, string Email, IReadOnlyList<string> Roles, Guid? SubscriberId, Guid? AgentId, string? Tier);

    public static void MapAuthEndpoints(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth").WithTags("Auth");

        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Sign in with email and password; returns a bearer access token and a refresh token. With two-factor sign-in on, the answer is 401 with twoFactorRequired and a challenge for POST /api/v1/auth/login/two-factor.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status423Locked);
        auth.MapPost("/refresh", RefreshAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Exchange a refresh token for a new access token and a new refresh token. Each refresh token works once; presenting a used one ends the session.")
            .Produces<AccessTokenResponse>().ProducesProblem(StatusCodes.Status401Unauthorized);
        auth.MapPost("/register", RegisterAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Create a subscriber account. A known address gets the same 202 answer (its owner is told by email), so this cannot reveal who has an account.")
            .Produces<RegisterResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem();
        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("End this bearer session: its access and refresh tokens stop working at once. everywhere=true ends every session of the account (cookies too).")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapPost("/revoke", RevokeAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Revoke a refresh token and its whole session (access tokens included). Always 204.")
            .Produces(StatusCodes.Status204NoContent);
        auth.MapPost("/password-reset", PasswordResetAsync).AllowAnonymous().RequireRateLimiting(Policies.AccountEmailRateLimit)
            .WithSummary("Email a single-use link to choose a new password. Always 202 with the same body, known address or not; 429 beyond the limits per IP and per address.")
            .Produces<MessageResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset/confirm", PasswordResetConfirmAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Set a new password with the emailed userId and token. The token works once and expires; every session of the account ends.")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        auth.MapPost("/confirm-email", ConfirmEmailAsync).AllowAnonymous().RequireRateLimiting(Policies.SignInRateLimit)
            .WithSummary("Confirm the address with the emailed userId and token and the password chosen at registration; the account gets its subscriber profile (and claims an earlier contact with the address).")
            .Produces(StatusCodes.Status204NoContent).ProducesValidationProblem();
        auth.MapPost("/resend-confirmation", ResendConfirmationAsync).AllowAnonymous().RequireRateLimiting(Policies.AccountEmailRateLimit)
            .WithSummary("Email a new confirmation link to an unconfirmed account. Always 202 with the same body.")
            .Produces<MessageResponse>(StatusCodes.Status202Accepted).ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests);
        auth.MapGet("/me", Me).WithSummary("Who the bearer token belongs to.");
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, SignInManager<HelpDeskUser> signIn, TwoFactorLogin twoFactor)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["email"] = ["Enter your email and password."] },
                title: "Email and password are required.");
        }

        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        // The password, then (staff) the second factor: see TwoFactorLogin and ADR 0114.
        return await twoFactor.PasswordStepAsync(request.Email.Trim(), request.Password);
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest request, SignInManager<HelpDeskUser> signIn, SessionStore sessions, IOptionsMonitor<BearerTokenOptions> bearerOptions, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var refused = TypedResults.Problem("The refresh token is invalid or has expired. Sign in again.", statusCode: StatusCodes.Status401Unauthorized, title: "Refresh failed");
        var protector = bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector;
        var ticket = string.IsNullOrEmpty(request?.RefreshToken) ? null : protector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaims.Session), out var sessionId)
            || !Guid.TryParse(ticket.Principal.FindFirstValue(SessionClaims.Refresh), out var refreshId)
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
        {
            return refused;
        }

        // Single use: only the family's current refresh token is exchanged; a replayed one ends the whole session.
        if (await sessions.RotateRefreshAsync(sessionId, user.Id, refreshId, cancellationToken) is not { } next)
        {
            return refused;
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(SessionClaims.Session, sessionId.ToString()));
        identity.AddClaim(new Claim(SessionClaims.Refresh, next.ToString()));
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<NoContent> LogoutAsync(
        LogoutRequest? request, HttpContext context, SessionStore sessions, UserManager<HelpDeskUser> users, CancellationToken cancellationToken)
    {
        await sessions.RevokeAsync(context.User, "signed out", cancellationToken);
        if (request?.Everywhere == true && await users.GetUserAsync(context.User) is { } user)
        {
            // A new security stamp ends every session of this user: other tokens, refresh tokens and browser cookies.
            await users.UpdateSecurityStampAsync(user);
        }

        return TypedResults.NoContent();
    }

    private static async Task<NoContent> RevokeAsync(
        RefreshRequest request, SessionStore sessions, IOptionsMonitor<BearerTokenOptions> bearerOptions, CancellationToken cancellationToken)
    {
        // Like RFC 7009: the same answer whatever was presented, so it tells nothing about the token.
        var ticket = string.IsNullOrEmpty(request?.RefreshToken) ? null : bearerOptions.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket is not null)
        {
            await sessions.RevokeAsync(ticket.Principal, "refresh token revoked", cancellationToken);
        }

        return TypedResults.NoContent();
    }

    private static async Task<Accepted<RegisterResponse>> RegisterAsync(RegisterRequest request, IMediator mediator)
    {
        // Known or new address: the same status and body. Whether an account was created stays on the server.
        await mediator.Send(new RegisterSubscriber.Command(
            request.Email ?? string.Empty, request.Password ?? string.Empty, request.FirstName ?? string.Empty, request.LastName ?? string.Empty,
            request.Country ?? "US", request.Language ?? "en", request.TimeZone ?? "UTC"));
        return TypedResults.Accepted((string?)null, new RegisterResponse(RegisterSubscriber.CheckYourEmail));
    }

    private static async Task<IResult> PasswordResetAsync(EmailRequest request, IMediator mediator, AccountEmailLimiter limiter, HttpContext context)
    {
        if (!limiter.TryAcquire(request?.Email))
        {
            return TooManyForAddress(context);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await mediator.Send(new RequestPasswordReset.Command(request?.Email ?? string.Empty));
        await EvenTiming.PadAsync(started, context.RequestAborted);
        return TypedResults.Accepted((string?)null, new MessageResponse(RequestPasswordReset.Answer));
    }

    private static async Task<NoContent> PasswordResetConfirmAsync(ResetConfirmRequest request, IMediator mediator)
    {
        await mediator.Send(new ResetPassword.Command(request?.UserId ?? string.Empty, request?.Token ?? string.Empty, request?.NewPassword ?? string.Empty));
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ConfirmEmailAsync(ConfirmEmailRequest request, IMediator mediator)
    {
        var result = await mediator.Send(new ConfirmAccount.Command(request?.UserId ?? string.Empty, request?.Token ?? string.Empty, request?.Password ?? string.Empty));
        return result.Outcome switch
        {
            ConfirmOutcome.Confirmed or ConfirmOutcome.AlreadyConfirmed => TypedResults.NoContent(),
            ConfirmOutcome.WrongPassword => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["password"] = ["That is not the password chosen for this account."] }, title: "Confirmation refused"),
            ConfirmOutcome.LockedOut => TypedResults.Problem(
                SignInMessages.LockedOut, statusCode: StatusCodes.Status423Locked, title: "Account locked"),
            _ => TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["token"] = ["This link is not valid: it has expired or it was changed. Ask for a new one."] }, title: "Confirmation refused"),
        };
    }

    private static async Task<IResult> ResendConfirmationAsync(EmailRequest request, IMediator mediator, AccountEmailLimiter limiter, HttpContext context)
    {
        if (!limiter.TryAcquire(request?.Email))
        {
            return TooManyForAddress(context);
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await mediator.Send(new ResendConfirmation.Command(request?.Email ?? string.Empty));
        await EvenTiming.PadAsync(started, context.RequestAborted);
        return TypedResults.Accepted((string?)null, new MessageResponse(ResendConfirmation.Answer));
    }

    private static ProblemHttpResult TooManyForAddress(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "3600";
        return TypedResults.Problem(AccountEmailLimiter.TooMany, statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts");
    }

    private static async Task<Ok<MeResponse>> Me(HttpContext context, ICurrentUser user, UserManager<HelpDeskUser> users)
    {
        var account = await users.GetUserAsync(context.User);
        var roles = Roles.All.Where(user.IsInRole).ToList();
        return TypedResults.Ok(new MeResponse(user.UserId!, account?.Email ?? user.Name, roles, user.SubscriberId, user.AgentId, user.Tier?.ToString()));
    }
}
