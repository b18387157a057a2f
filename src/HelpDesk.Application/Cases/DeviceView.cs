using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

public sealed record DeviceView(DeviceKind Kind, string Name, string AppVersion, DateTimeOffset LastSeenAt);
