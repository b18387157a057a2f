using HelpDesk.Domain.Incidents;

namespace HelpDesk.Application.Incidents;

public sealed record IncidentScopeView(
    IReadOnlyList<string> Regions, IReadOnlyList<string> Countries, IReadOnlyList<string> Plans, IReadOnlyList<string> DeviceKinds, IReadOnlyList<string> AppVersions)
{
    public bool Everyone => Regions.Count == 0 && Countries.Count == 0 && Plans.Count == 0 && DeviceKinds.Count == 0 && AppVersions.Count == 0;

    public static IncidentScopeView Of(Incident i) => new(i.Regions, i.Countries, i.Plans, i.DeviceKinds, i.AppVersions);
}
