using HelpDesk.Domain.Sla;

namespace HelpDesk.Domain.Cases;

public enum SlaTarget
{
    FirstResponse,
    NextResponse,
    Resolution,
}

public static class SlaTargets
{
    public static string Label(SlaTarget target) => target switch
    {
        SlaTarget.FirstResponse => "first response",
        SlaTarget.NextResponse => "next response",
        _ => "resolution",
    };
}

/// <summary>A warning or breach the sweeper raised on a case.</summary>
public sealed record SlaAlert(SlaTarget Target, SlaState State, DateTimeOffset DueAt);
