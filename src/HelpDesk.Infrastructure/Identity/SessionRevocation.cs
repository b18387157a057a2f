using HelpDesk.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>Ends every open session of a user in one statement, with the reason on record.</summary>
internal static class SessionRevocation
{
    /// <summary>
    /// Revokes the user's open sessions (refresh tokens die with them) and makes this node forget its session-check
    /// answers about the user at once (ADR 0133; the database's notice tells the other nodes when the change commits).
    /// </summary>
    public static async Task RevokeAllAsync(HelpDeskDbContext db, SessionCheckCache sessionChecks, string userId, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await db.AuthSessions.Where(s => s.UserId == userId && s.RevokedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, (DateTimeOffset?)now).SetProperty(s => s.RevokedReason, reason), cancellationToken);
        sessionChecks.Forget(userId);
    }
}
