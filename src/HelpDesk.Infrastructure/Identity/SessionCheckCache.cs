using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace HelpDesk.Infrastructure.Identity;

/// <summary>What the session check reads for one session: the user's security stamp and deactivation, and whether the session is unrevoked.</summary>
public sealed record SessionState(string? SecurityStamp, DateTimeOffset? DeactivatedAt, bool Live);

/// <summary>Settings of <see cref="SessionCheckCache"/> (<c>HelpDesk:Auth:SessionCheckCacheSeconds</c>).</summary>
public sealed class SessionCheckCacheOptions
{
    public const string Section = "HelpDesk:Auth";

    /// <summary>
    /// How long a session check's answer is reused at most, while the node hears the database's change notices; 0 turns
    /// the cache off (every authenticated request asks the database, as before ADR 0133).
    /// </summary>
    [Range(0, 300, ErrorMessage = "HelpDesk:Auth:SessionCheckCacheSeconds must be between 0 (off) and 300.")]
    public int SessionCheckCacheSeconds { get; set; } = 30;

    /// <summary>Most sessions remembered; past it the cache starts over (one entry is about 200 bytes).</summary>
    [Range(100, 10_000_000, ErrorMessage = "HelpDesk:Auth:SessionCheckCacheEntries must be between 100 and 10,000,000.")]
    public int SessionCheckCacheEntries { get; set; } = 50_000;
}

/// <summary>
/// The session check's answers, per node (ADR 0133). Every authenticated request checks that its session is on (not
/// revoked, the user not deactivated, the security stamp unchanged); that was one database round trip per request. The
/// answer changes only when a session is revoked or a user's stamp or deactivation changes, and the database announces
/// each such change (<see cref="Channel"/>, triggers on <c>auth_sessions</c> and <c>AspNetUsers</c>). So an answer is
/// reused only while this node is listening to those announcements, for at most
/// <see cref="SessionCheckCacheOptions.SessionCheckCacheSeconds"/>; every announcement for a user forgets that user's
/// answers, and a lost listening connection forgets everything and stops the reuse until it is back. The node that
/// makes a change also forgets the user's answers itself, at once, without waiting for its own announcement.
/// </summary>
public sealed class SessionCheckCache(IOptions<SessionCheckCacheOptions> options, TimeProvider time)
{
    /// <summary>The notification channel the triggers announce on: the user's id, or <c>*</c> for "everyone" (a TRUNCATE).</summary>
    public const string Channel = "helpdesk_session_changes";

    private readonly ConcurrentDictionary<(string UserId, Guid SessionId), Entry> _entries = new();
    private long _generation;
    private volatile bool _listening;

    private sealed record Entry(SessionState State, long ExpiresAt);

    /// <summary>Whether answers are reused now: the cache is on and the node hears the database's change notices.</summary>
    public bool Active => _listening && options.Value.SessionCheckCacheSeconds > 0;

    /// <summary>Taken before reading the database: <see cref="Store"/> keeps the answer only if nothing was forgotten meanwhile.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    public bool TryGet(string userId, Guid sessionId, out SessionState? state)
    {
        state = null;
        if (!Active || !_entries.TryGetValue((userId, sessionId), out var entry))
        {
            return false;
        }

        if (time.GetTimestamp() >= entry.ExpiresAt)
        {
            _entries.TryRemove(new((userId, sessionId), entry));
            return false;
        }

        state = entry.State;
        return true;
    }

    /// <summary>
    /// Keeps an answer read from the database after <paramref name="generationBeforeRead"/> was taken. If any user's answers
    /// were forgotten since, the answer may predate that change and is not kept.
    /// </summary>
    public void Store(string userId, Guid sessionId, SessionState state, long generationBeforeRead)
    {
        if (!Active || Generation != generationBeforeRead)
        {
            return;
        }

        if (_entries.Count >= options.Value.SessionCheckCacheEntries)
        {
            _entries.Clear();
        }

        var key = (userId, sessionId);
        var entry = new Entry(state, time.GetTimestamp() + (long)(options.Value.SessionCheckCacheSeconds * (double)time.TimestampFrequency));
        _entries[key] = entry;
        // A change forgotten between the check above and the write: Forget raised the generation before it looked, so
        // either it removed this entry or the generation shows it here.
        if (Generation != generationBeforeRead)
        {
            _entries.TryRemove(new(key, entry));
        }
    }

    /// <summary>Forgets every answer about <paramref name="userId"/>'s sessions (a revocation, a new stamp, a deactivation).</summary>
    public void Forget(string userId)
    {
        Interlocked.Increment(ref _generation);
        foreach (var key in _entries.Keys)
        {
            if (string.Equals(key.UserId, userId, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Forgets every answer.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    /// <summary>The listener heard its <c>LISTEN</c> confirmed: answers read from now on may be reused.</summary>
    public void StartedListening()
    {
        ForgetAll();
        _listening = true;
    }

    /// <summary>The listening connection is gone: announcements may be missed, so nothing is reused until it is back.</summary>
    public void StoppedListening()
    {
        _listening = false;
        ForgetAll();
    }
}
