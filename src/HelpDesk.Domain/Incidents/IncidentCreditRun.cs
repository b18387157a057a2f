using System.Globalization;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Incidents;

public enum IncidentCreditMethod
{
    /// <summary>A fixed amount per billing currency (subscribers billed in a currency not listed get nothing).</summary>
    FixedPerCurrency,

    /// <summary>A share (percent) of each subscriber's monthly plan price, in their billing currency.</summary>
    PlanShare,
}

public enum IncidentCreditStatus
{
    PendingApproval,
    Rejected,

    /// <summary>Approved: the credit worker is issuing ledger entries in batches.</summary>
    Issuing,

    Done,
}

/// <summary>
/// "Credit everyone affected": a proposal (method, amounts, preview of count and totals) that always waits for a
/// supervisor who is not the requester, then is issued as one ledger entry per affected subscriber, in batches,
/// each unique on (incident, subscriber) in the ledger (ADR 0116).
/// </summary>
public sealed class IncidentCreditRun
{
    public const string ReasonCode = "service_outage";
    public const int MaxNoteLength = 1000;

    private IncidentCreditRun()
    {
        RequestedByName = PreviewTotals = string.Empty;
    }

    public Guid Id { get; private set; }
    public Guid IncidentId { get; private set; }
    public IncidentCreditStatus Status { get; private set; }
    public IncidentCreditMethod Method { get; private set; }

    /// <summary>For <see cref="IncidentCreditMethod.FixedPerCurrency"/>: "EUR=5.00" entries.</summary>
    public List<string> Amounts { get; private set; } = [];

    /// <summary>For <see cref="IncidentCreditMethod.PlanShare"/>: percent of the monthly price (1–100).</summary>
    public decimal? Percent { get; private set; }

    public string? Note { get; private set; }
    public int PreviewCount { get; private set; }

    /// <summary>"EUR 120.00 · USD 50.00" at proposal time.</summary>
    public string PreviewTotals { get; private set; }

    public Guid RequestedByAgentId { get; private set; }
    public string RequestedByName { get; private set; }
    public DateTimeOffset RequestedAt { get; private set; }
    public Guid? DecidedByAgentId { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? RejectReason { get; private set; }
    public int Issued { get; private set; }
    public int Skipped { get; private set; }
    public Guid? Cursor { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    public static IncidentCreditRun Propose(
        Guid incidentId, IncidentCreditMethod method, IReadOnlyDictionary<string, decimal> amounts, decimal? percent, string? note,
        int previewCount, string previewTotals, Guid agentId, string agentName, DateTimeOffset now)
    {
        if (method == IncidentCreditMethod.FixedPerCurrency && (amounts.Count == 0 || amounts.Values.Any(a => a <= 0)))
        {
            throw new DomainRuleException("incident_credit.bad_amount", "Give a positive amount for at least one currency.");
        }

        if (method == IncidentCreditMethod.PlanShare && percent is not (> 0 and <= 100))
        {
            throw new DomainRuleException("incident_credit.bad_percent", "The share of the plan price must be between 1 and 100 percent.");
        }

        return new IncidentCreditRun
        {
            Id = Guid.CreateVersion7(), IncidentId = incidentId, Status = IncidentCreditStatus.PendingApproval, Method = method,
            Amounts = method == IncidentCreditMethod.FixedPerCurrency
                ? amounts.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key}={a.Value.ToString(CultureInfo.InvariantCulture)}").ToList()
                : [],
            Percent = method == IncidentCreditMethod.PlanShare ? percent : null,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            PreviewCount = previewCount, PreviewTotals = previewTotals,
            RequestedByAgentId = agentId, RequestedByName = agentName, RequestedAt = now,
        };
    }

    public IReadOnlyDictionary<string, decimal> AmountByCurrency =>
        Amounts.Select(a => a.Split('=')).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => decimal.Parse(p[1], NumberStyles.Number, CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>What one subscriber gets (null: nothing, e.g. a currency not listed or a free plan).</summary>
    public decimal? AmountFor(string currency, decimal monthlyPrice)
    {
        if (Method == IncidentCreditMethod.FixedPerCurrency)
        {
            return AmountByCurrency.TryGetValue(currency, out var fixedAmount) ? fixedAmount : null;
        }

        var share = decimal.Round(monthlyPrice * Percent!.Value / 100m, BillingCurrencies.MinorUnits(currency), MidpointRounding.AwayFromZero);
        return share > 0 ? share : null;
    }

    /// <summary>A supervisor approves; never the person who asked, whatever their authority.</summary>
    public void Approve(Guid supervisorAgentId, string name, DateTimeOffset now)
    {
        EnsurePending();
        if (supervisorAgentId == RequestedByAgentId)
        {
            throw new DomainRuleException("incident_credit.self_approval", "You asked for this credit, so another supervisor must approve it.");
        }

        Status = IncidentCreditStatus.Issuing;
        DecidedByAgentId = supervisorAgentId;
        DecidedByName = name;
        DecidedAt = now;
    }

    public void Reject(Guid supervisorAgentId, string name, string reason, DateTimeOffset now)
    {
        EnsurePending();
        Status = IncidentCreditStatus.Rejected;
        DecidedByAgentId = supervisorAgentId;
        DecidedByName = name;
        DecidedAt = now;
        RejectReason = reason.Trim();
    }

    public void Advance(int issued, int skipped, Guid? lastSubscriberId, bool finished, DateTimeOffset now)
    {
        Issued += issued;
        Skipped += skipped;
        Cursor = lastSubscriberId ?? Cursor;
        if (finished)
        {
            Status = IncidentCreditStatus.Done;
            CompletedAt = now;
        }
    }

    private void EnsurePending()
    {
        if (Status != IncidentCreditStatus.PendingApproval)
        {
            throw new DomainRuleException("incident_credit.decided", "This credit has already been decided.");
        }
    }
}
