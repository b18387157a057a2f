using HelpDesk.Domain.Callbacks;

namespace HelpDesk.Application.Callbacks;

/// <summary>Phone-callback settings (<c>HelpDesk:Callbacks</c>).</summary>
public sealed class CallbackOptions
{
    public const string Section = "HelpDesk:Callbacks";

    /// <summary>Calls in all before we give up and email the subscriber (the first call included).</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the second call after no answer or voicemail; doubles for each later one.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one callback takes on average, for the subscriber's estimated time.</summary>
    public TimeSpan AverageCallTime { get; set; } = TimeSpan.FromMinutes(8);

    /// <summary>How far ahead a subscriber may book a window.</summary>
    public TimeSpan BookingHorizon { get; set; } = CallbackWindow.DefaultHorizon;

    public CallbackRetryPolicy RetryPolicy => new(Math.Max(1, MaxAttempts), RetryBackoff > TimeSpan.Zero ? RetryBackoff : TimeSpan.FromMinutes(30));
}
