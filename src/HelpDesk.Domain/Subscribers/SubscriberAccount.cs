namespace HelpDesk.Domain.Subscribers;

/// <summary>A device the subscriber streams on, as the streaming platform last saw it.</summary>
public sealed class SubscriberDevice
{
    private SubscriberDevice()
    {
        Name = AppVersion = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid SubscriberId { get; private set; }
    public DeviceKind Kind { get; private set; }

    /// <summary>"Samsung TV (2019)", "iPhone 15".</summary>
    public string Name { get; private set; }

    public string AppVersion { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }

    public static SubscriberDevice Create(Guid subscriberId, DeviceKind kind, string name, string appVersion, DateTimeOffset lastSeenAt) =>
        new() { Id = Guid.CreateVersion7(), SubscriberId = subscriberId, Kind = kind, Name = name, AppVersion = appVersion, LastSeenAt = lastSeenAt };
}

public enum DeviceKind
{
    SmartTv,
    StreamingStick,
    GameConsole,
    Phone,
    Tablet,
    Browser,
}

/// <summary>A subscription charge attempt, as billing reported it.</summary>
public sealed class SubscriberPayment
{
    private SubscriberPayment()
    {
        Currency = Method = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid SubscriberId { get; private set; }
    public decimal Amount { get; private set; }
    public string Currency { get; private set; }
    public PaymentStatus Status { get; private set; }

    /// <summary>"Visa •••• 4242".</summary>
    public string Method { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static SubscriberPayment Create(Guid subscriberId, decimal amount, string currency, PaymentStatus status, string method, DateTimeOffset at) =>
        new() { Id = Guid.CreateVersion7(), SubscriberId = subscriberId, Amount = amount, Currency = currency, Status = status, Method = method, At = at };
}

public enum PaymentStatus
{
    Paid,
    Failed,
    Refunded,
}
