using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Incidents;

public sealed record LinkedCaseView(Guid CaseId, string Number, string Subject, CaseStatus Status, CaseCategory Category, bool Automatic, string LinkedByName, DateTimeOffset LinkedAt);
