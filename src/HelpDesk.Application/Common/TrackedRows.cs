using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace HelpDesk.Application.Common;

/// <summary>
/// The rows a command tracks, looked at without EF's change detection (ADR 0134). <c>ChangeTracker.Entries</c> and
/// <c>DbSet.Local</c> first compare every tracked row with its snapshot; a chat message's command tracks the chat, its
/// case with its timeline and the new rows, and its participants looked about five times before the save (12% of the
/// app's CPU per message). Detection only turns Unchanged rows into Modified ones and adds rows reachable through a
/// tracked row's navigation. So a look that asks only for rows of a type no navigation reaches (a case, a chat, a chat
/// message, an outgoing email, a case participant), by key, by Added (which only <c>Add</c> sets for those types) or
/// by a domain flag, gets the same answer without it. A look that asks "which rows changed" must keep detecting.
/// </summary>
public static class TrackedRows
{
    /// <summary>
    /// The tracked entries of <typeparamref name="TEntity"/> as they stand, without detecting changes first. Only for a
    /// type that no navigation reaches, and a filter that does not tell Unchanged from Modified.
    /// </summary>
    public static List<EntityEntry<TEntity>> WithoutDetecting<TEntity>(this ChangeTracker tracker)
        where TEntity : class
    {
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<TEntity>().ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }
}
