using HelpDesk.Application.Incidents;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>Incident notice worker settings (<c>HelpDesk:Incidents</c>).</summary>
public sealed class IncidentNoticeOptions
{
    public const string Section = "HelpDesk:Incidents";

    /// <summary>Seconds between looks for running notices on this node; 0 turns the worker off here.</summary>
    public int NoticeIntervalSeconds { get; set; } = 5;

    /// <summary>Subscribers written to the outbox per transaction.</summary>
    public int NoticeBatchSize { get; set; } = SendIncidentNoticeBatch.DefaultBatchSize;
}
