using HelpDesk.Application.Sla;

namespace HelpDesk.Infrastructure.Workers;

/// <summary>SLA sweeper settings (<c>HelpDesk:Sla</c>).</summary>
public sealed class SlaSweeperOptions
{
    public const string Section = "HelpDesk:Sla";

    /// <summary>Seconds between sweeps on this node; 0 turns the sweeper off here (another node may run it).</summary>
    public int SweepIntervalSeconds { get; set; } = 30;

    /// <summary>Cases locked and handled per transaction.</summary>
    public int BatchSize { get; set; } = SweepSla.DefaultBatchSize;
}
