using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentCreditView(
    Guid Id, IncidentCreditStatus Status, IncidentCreditMethod Method, IReadOnlyDictionary<string, decimal> Amounts, decimal? Percent, string? Note,
    int PreviewCount, string PreviewTotals, string RequestedByName, Guid RequestedByAgentId, DateTimeOffset RequestedAt,
    string? DecidedByName, DateTimeOffset? DecidedAt, string? RejectReason, int Issued, int Skipped, DateTimeOffset? CompletedAt)
{
    public static IncidentCreditView Of(IncidentCreditRun r) => new(
        r.Id, r.Status, r.Method, r.AmountByCurrency, r.Percent, r.Note, r.PreviewCount, r.PreviewTotals, r.RequestedByName, r.RequestedByAgentId,
        r.RequestedAt, r.DecidedByName, r.DecidedAt, r.RejectReason, r.Issued, r.Skipped, r.CompletedAt);
}
