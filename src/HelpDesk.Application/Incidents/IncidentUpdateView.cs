using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentUpdateView(Guid Id, IncidentUpdateKind Kind, string Body, string AuthorName, DateTimeOffset CreatedAt, IncidentNoticeView? Notice);
