namespace HelpDesk.Application.Common.Abstractions;

public interface IClock
{
    DateTimeOffset UtcNow { get; }
}

public sealed class SystemClock : IClock
{
    /// <summary>Truncated to microseconds, PostgreSQL's precision, so a stored time reads back equal.</summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            var now = DateTimeOffset.UtcNow;
            return now.AddTicks(-(now.Ticks % 10));
        }
    }
}
