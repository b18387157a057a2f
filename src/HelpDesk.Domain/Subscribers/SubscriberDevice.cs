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
