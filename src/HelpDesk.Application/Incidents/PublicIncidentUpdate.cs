using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record PublicIncidentUpdate(IncidentUpdateKind Kind, string Body, DateTimeOffset At);
