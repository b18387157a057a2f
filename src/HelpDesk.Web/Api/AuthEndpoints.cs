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

    private static async Task<Ok<MeResponse>> Me(HttpContext context, ICurrentUser user, UserManager<HelpDeskUser> users)
    {
        var account = await users.GetUserAsync(context.User);
        var roles = Roles.All.Where(user.IsInRole).ToList();
        return TypedResults.Ok(new MeResponse(user.UserId!, account?.Email ?? user.Name, roles, user.SubscriberId, user.AgentId, user.Tier?.ToString()));
    }
}
