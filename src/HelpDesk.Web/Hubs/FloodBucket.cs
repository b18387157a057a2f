namespace HelpDesk.Web.Hubs;

/// <summary>
/// A connection's flood limit (<see cref="ChatHubOptions"/>): a token bucket holding at most <c>limit</c> messages, refilled
/// evenly at one message per <c>period</c>. It refills from timestamps when a message arrives, so an idle connection
/// costs nothing: no timer per connection (2,000 connections had 2,000 replenishment timers firing; ADR 0129).
/// </summary>
internal sealed class FloodBucket
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly long _ticksPerToken;
    private double _tokens;
    private long _last;

    public FloodBucket(int limit, TimeSpan period, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(period, TimeSpan.Zero);
        _time = time;
        _limit = limit;
        _ticksPerToken = Math.Max(1, (long)(period.TotalSeconds * time.TimestampFrequency));
        _tokens = limit;
        _last = time.GetTimestamp();
    }

    /// <summary>The bucket of <paramref name="options"/>: <c>MessagesPerWindow</c> at once, refilled over <c>WindowSeconds</c>.</summary>
    public static FloodBucket For(ChatHubOptions options, TimeProvider time)
    {
        var limit = Math.Max(1, options.MessagesPerWindow);
        return new FloodBucket(limit, TimeSpan.FromSeconds(Math.Max(1, options.WindowSeconds) / (double)limit), time);
    }

    /// <summary>Takes one message; false (and nothing taken) when the bucket is empty.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            _tokens = Math.Min(_limit, _tokens + (now - _last) / (double)_ticksPerToken);
            _last = now;
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
