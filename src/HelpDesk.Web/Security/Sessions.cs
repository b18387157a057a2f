using System.Security.Claims;
using HelpDesk.Application;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>Claims that tie a cookie or token to its <see cref="AuthSession"/>.</summary>
public static class SessionClaims
{
    public const string Session = "hd:session";

    /// <summary>In a refresh token (and its access token): which refresh token of the family it is.</summary>
    public const string Refresh = "hd:refresh";
}

/// <summary>A sign-in session as a cookie or token names it: the user, the session and the security stamp it was issued with.</summary>
public sealed record SessionKey(string UserId, Guid SessionId, string Stamp);

/// <summary>Starts, checks, rotates and revokes sign-in sessions (see <see cref="AuthSession"/>).</summary>
public sealed class SessionStore(HelpDeskDbContext db, IClock clock, IOptions<IdentityOptions> identity, ILogger<SessionStore> logger)
{
    public async Task<AuthSession> StartAsync(string userId, string scheme, Guid? refreshTokenId, CancellationToken cancellationToken)
    {
        var session = AuthSession.Start(userId, scheme, refreshTokenId, clock.UtcNow);
        db.AuthSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>
    /// Whether the cookie or token's session is still on: not revoked, and the user's security stamp unchanged
    /// (sign-out, "everywhere" and a password change end it). One query, run on every authenticated request.
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (KeyOf(principal) is not { } key)
        {
            return false;
        }

        var state = await CurrentState(db, key.UserId, key.SessionId, cancellationToken);
        return state is { Live: true, DeactivatedAt: null } && string.Equals(state.SecurityStamp, key.Stamp, StringComparison.Ordinal);
    }

    /// <summary>
    /// The session check's one statement, compiled once: a LINQ query built per request cost the app more CPU (building
    /// the expression, extracting its parameters, finding it in the query cache) than PostgreSQL spent answering it.
    /// </summary>
    private static readonly Func<HelpDeskDbContext, string, Guid, CancellationToken, Task<SessionState?>> CurrentState =
        EF.CompileAsyncQuery((HelpDeskDbContext db, string userId, Guid sessionId, CancellationToken _) =>
            db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new SessionState(u.SecurityStamp, u.DeactivatedAt, db.AuthSessions.Any(s => s.Id == sessionId && s.UserId == u.Id && s.RevokedAt == null)))
                .SingleOrDefault());

    private sealed record SessionState(string? SecurityStamp, DateTimeOffset? DeactivatedAt, bool Live);

    /// <summary>The session a cookie or token belongs to; null when it carries none (never current).</summary>
    public SessionKey? KeyOf(ClaimsPrincipal principal) =>
        principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) is { } userId
        && principal.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) is { } stamp
        && Guid.TryParse(principal.FindFirstValue(SessionClaims.Session), out var sessionId)
            ? new SessionKey(userId, sessionId, stamp)
            : null;

    /// <summary>
    /// <see cref="IsCurrentAsync"/> for many sessions in one query (the hub connections' periodic check): the keys of
    /// <paramref name="keys"/> that are still on.
    /// </summary>
    public async Task<HashSet<SessionKey>> CurrentAsync(IReadOnlyCollection<SessionKey> keys, CancellationToken cancellationToken)
    {
        var ids = keys.Select(k => k.SessionId).Distinct().ToList();
        var live = await db.AuthSessions.AsNoTracking()
            .Where(s => ids.Contains(s.Id) && s.RevokedAt == null)
            .Join(db.Users.Where(u => u.DeactivatedAt == null), s => s.UserId, u => u.Id, (s, u) => new { s.Id, s.UserId, u.SecurityStamp })
            .ToListAsync(cancellationToken);
        var on = live.Select(l => new SessionKey(l.UserId, l.Id, l.SecurityStamp ?? string.Empty)).ToHashSet();
        on.IntersectWith(keys);
        return on;
    }

    /// <summary>
    /// Exchanges the family's current refresh token <paramref name="presented"/> for a new one, once. Any other token of
    /// the family (an old one, replayed) revokes the whole session, access tokens included. Null: refused.
    /// </summary>
    public async Task<Guid?> RotateRefreshAsync(Guid sessionId, string userId, Guid presented, CancellationToken cancellationToken)
    {
        var next = Guid.NewGuid();
        var now = clock.UtcNow;
        var rotated = await db.AuthSessions
            .Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null && s.RefreshTokenId == presented)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RefreshTokenId, (Guid?)next).SetProperty(s => s.RefreshedAt, (DateTimeOffset?)now), cancellationToken);
        if (rotated == 1)
        {
            return next;
        }

        if (await RevokeAsync(sessionId, userId, "refresh token reused", cancellationToken))
        {
            logger.LogWarning("A used refresh token of session {SessionId} (user {UserId}) was presented again; the session is revoked", sessionId, userId);
        }

        return null;
    }

    /// <returns>Whether a live session was revoked.</returns>
    public async Task<bool> RevokeAsync(Guid sessionId, string userId, string reason, CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        return await db.AuthSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, (DateTimeOffset?)now).SetProperty(s => s.RevokedReason, reason), cancellationToken) > 0;
    }

    /// <summary>Revokes the session the signed-in <paramref name="principal"/> belongs to.</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal principal, string reason, CancellationToken cancellationToken) =>
        principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) is { } userId
        && Guid.TryParse(principal.FindFirstValue(SessionClaims.Session), out var sessionId)
        && await RevokeAsync(sessionId, userId, reason, cancellationToken);
}

/// <summary>Every sign-in (cookie or bearer) starts an <see cref="AuthSession"/> and carries its id in a claim.</summary>
public sealed class HelpDeskSignInManager(
    UserManager<HelpDeskUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<HelpDeskUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<HelpDeskUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<HelpDeskUser> confirmation,
    SessionStore sessions)
    : SignInManager<HelpDeskUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>A deactivated staff account cannot sign in (password, second factor or refresh alike).</summary>
    public override async Task<bool> CanSignInAsync(HelpDeskUser user) =>
        user.DeactivatedAt is null && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(HelpDeskUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var bearer = AuthenticationScheme == IdentityConstants.BearerScheme;
        var refresh = bearer ? Guid.NewGuid() : (Guid?)null;
        var session = await sessions.StartAsync(await UserManager.GetUserIdAsync(user), AuthenticationScheme, refresh, CancellationToken.None);
        List<Claim> claims = [.. additionalClaims, new Claim(SessionClaims.Session, session.Id.ToString())];
        if (refresh is { } refreshId)
        {
            claims.Add(new Claim(SessionClaims.Refresh, refreshId.ToString()));
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, claims);
    }
}

internal static class SessionServices
{
    /// <summary>
    /// Call after everything else that configures the cookie and bearer events (the hubs read the token from the query
    /// string first), so the session check wraps them and sees the token they found.
    /// </summary>
    public static IServiceCollection AddHelpDeskSessions(this IServiceCollection services)
    {
        services.AddScoped<SessionStore>();
        services.AddOptions<BearerTokenOptions>(IdentityConstants.BearerScheme).Configure<IOptions<SessionOptions>>((bearer, lifetimes) =>
        {
            bearer.BearerTokenExpiration = lifetimes.Value.AccessTokenLifetime;
            bearer.RefreshTokenExpiration = lifetimes.Value.RefreshTokenLifetime;
        });

        // The session's claim survives the periodic refresh of the cookie's other claims (tier, profile).
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(SessionClaims.Session) is { } session && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                identity.AddClaim(new Claim(SessionClaims.Session, session.Value));
            }

            return Task.CompletedTask;
        });

        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, options =>
        {
            var validate = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                if (context.Principal is null || !await store.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(context.Scheme.Name);
                    return;
                }

                await validate(context);
            };
        });

        services.PostConfigure<BearerTokenOptions>(IdentityConstants.BearerScheme, options =>
        {
            var received = options.Events.OnMessageReceived;
            options.Events.OnMessageReceived = async context =>
            {
                await received(context);
                var token = context.Token;
                if (token is null && context.Request.Headers.Authorization.ToString() is { } header
                    && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
                {
                    token = header["Bearer ".Length..].Trim();
                }

                if (string.IsNullOrEmpty(token) || context.Options.BearerTokenProtector.Unprotect(token) is not { Principal: { } principal } ticket
                    || ticket.Properties.ExpiresUtc is not { } expires
                    || (context.Options.TimeProvider ?? TimeProvider.System).GetUtcNow() >= expires)
                {
                    return; // unreadable or expired: the handler refuses it as it always did, without asking the database
                }

                var store = context.HttpContext.RequestServices.GetRequiredService<SessionStore>();
                if (!await store.IsCurrentAsync(principal, context.HttpContext.RequestAborted))
                {
                    context.Fail("This session has ended. Sign in again.");
                    return;
                }

                // Read once: the handler would decrypt the same token again.
                context.Principal = principal;
                context.Properties = ticket.Properties;
                context.Success();
            };
        });
        return services;
    }
}
