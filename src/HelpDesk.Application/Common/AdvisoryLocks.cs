using HelpDesk.Application.Common.Abstractions;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Common;

/// <summary>PostgreSQL advisory locks held until the command's transaction ends.</summary>
public static class AdvisoryLocks
{
    /// <summary>
    /// Waits for, then holds until commit or rollback, the lock named <paramref name="key"/> (hashed to 64 bits by
    /// PostgreSQL): commands that take the same key run one after the other and each sees what the previous committed.
    /// </summary>
    public static async Task LockUntilCommitAsync(this IHelpDeskDb db, string key, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({key}, 0))", cancellationToken);
}
