using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

/// <summary>"Notify affected subscribers" for one update: emails written to the outbox (queued), delivered and failed, of the total.</summary>
public sealed record IncidentNoticeView(Guid Id, IncidentNoticeStatus Status, int Total, int Queued, int Delivered, int Failed, DateTimeOffset RequestedAt, DateTimeOffset? CompletedAt);
