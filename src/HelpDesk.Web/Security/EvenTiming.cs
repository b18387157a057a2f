namespace HelpDesk.Web.Security;

/// <summary>
/// The requests whose answer must not tell a known address from an unknown one (reset, resend confirmation) take at least
/// <see cref="Floor"/>: the known path writes and mails more, and under load that difference grew to a few tens of
/// milliseconds, so both answers are padded to the same floor.
/// </summary>
public static class EvenTiming
{
    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(300);

    public static async Task PadAsync(long startedTimestamp, CancellationToken cancellationToken)
    {
        var left = Floor - System.Diagnostics.Stopwatch.GetElapsedTime(startedTimestamp);
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, cancellationToken);
        }
    }
}
