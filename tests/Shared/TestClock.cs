using HelpDesk.Application.Common.Abstractions;

namespace HelpDesk.Testing;

/// <summary>
/// The real time plus an offset a test can move forward, so deadlines can pass without waiting. Microsecond
/// precision, like <see cref="SystemClock"/>.
/// </summary>
public sealed class TestClock : IClock
{
    private long _offsetTicks;

    public DateTimeOffset UtcNow
    {
        get
        {
            var now = DateTimeOffset.UtcNow.AddTicks(Interlocked.Read(ref _offsetTicks));
            return now.AddTicks(-(now.Ticks % 10));
        }
    }

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), "The test clock only moves forward.");
        }

        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }

    /// <summary>Moves the clock to just after <paramref name="instant"/> (no-op when already later).</summary>
    public void AdvancePast(DateTimeOffset instant)
    {
        var gap = instant - UtcNow + TimeSpan.FromMilliseconds(1);
        if (gap > TimeSpan.Zero)
        {
            Advance(gap);
        }
    }
}
