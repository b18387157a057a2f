using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Application.Cases;

public sealed record DeviceView(DeviceKind Kind, string Name, string AppVersion, DateTimeOffset LastSeenAt);
