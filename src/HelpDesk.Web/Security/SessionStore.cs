using System.Security.Claims;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Security;

/// <summary>Starts, checks, rotates and revokes sign-in sessions (see <see cref="AuthSession"/>).</summary>
public sealed class SessionStore(HelpDeskDbContext db, IClock clock, IOptions<IdentityOptions> identity, SessionCheckCache cache, ILogger<SessionStore> logger)
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
    /// (sign-out, "everywhere" and a password change end it). One query, run on every authenticated request, unless the
    /// node's <see cref="SessionCheckCache"/> holds a fresh answer (ADR 0133).
    /// </summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        if (KeyOf(principal) is not { } key)
        {
            return false;
        }

        if (cache.TryGet(key.UserId, key.SessionId, out var known))
        {
            return IsOn(key, known);
        }

        var generation = cache.Generation;
        var state = await CurrentState(db, key.UserId, key.SessionId, cancellationToken);
        if (state is not null)
        {
            cache.Store(key.UserId, key.SessionId, state, generation);
        }

        return IsOn(key, state);
    }

    /// <summary>
    /// The rule, in one place for the single check and the batch: the session is not revoked, its user is not
    /// deactivated, and the user's security stamp is the one the cookie or token carries.
    /// </summary>
    private static bool IsOn(SessionKey key, SessionState? state) =>
        state is { Live: true, DeactivatedAt: null } && string.Equals(state.SecurityStamp, key.Stamp, StringComparison.Ordinal);

    /// <summary>
    /// The session check's one statement, compiled once: a LINQ query built per request cost the app more CPU (building
    /// the expression, extracting its parameters, finding it in the query cache) than PostgreSQL spent answering it.
    /// </summary>
    private static readonly Func<HelpDeskDbContext, string, Guid, CancellationToken, Task<SessionState?>> CurrentState =
        EF.CompileAsyncQuery((HelpDeskDbContext db, string userId, Guid sessionId, CancellationToken _) =>
            db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => new SessionState(u.SecurityStamp, u.DeactivatedAt, db.AuthSessions.Any(s => s.Id == sessionId && s.UserId == u.Id && s.RevokedAt == null)))
                .SingleOrDefault());

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
        var rows = await db.AuthSessions.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { s.Id, s.UserId, u.SecurityStamp, u.DeactivatedAt, Live = s.RevokedAt == null })
            .ToListAsync(cancellationToken);
        var states = rows.ToDictionary(r => (r.UserId, r.Id), r => new SessionState(r.SecurityStamp, r.DeactivatedAt, r.Live));
        return keys.Where(k => states.TryGetValue((k.UserId, k.SessionId), out var state) && IsOn(k, state)).ToHashSet();
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
        var revoked = await db.AuthSessions.Where(s => s.Id == sessionId && s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, (DateTimeOffset?)now).SetProperty(s => s.RevokedReason, reason), cancellationToken) > 0;
        cache.Forget(userId);
        return revoked;
    }

    /// <summary>Revokes the session the signed-in <paramref name="principal"/> belongs to.</summary>
    public async Task<bool> RevokeAsync(ClaimsPrincipal principal, string reason, CancellationToken cancellationToken) =>
        principal.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType) is { } userId
        && Guid.TryParse(principal.FindFirstValue(SessionClaims.Session), out var sessionId)
        && await RevokeAsync(sessionId, userId, reason, cancellationToken);
}
