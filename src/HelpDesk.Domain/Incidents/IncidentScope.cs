using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Incidents;

/// <summary>
/// Who an incident affects. Each dimension that is given must match (a subscriber in one of the countries or regions,
/// and on one of the plans, and with a device of one of the kinds running one of the app versions); a dimension left
/// empty matches everyone; a scope with nothing given is a global outage (ADR 0115).
/// </summary>
public sealed record IncidentScope(
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Countries,
    IReadOnlyList<SubscriptionPlan> Plans,
    IReadOnlyList<DeviceKind> DeviceKinds,
    IReadOnlyList<string> AppVersions)
{
    public const int MaxAppVersionLength = 32;

    public static IncidentScope Everyone { get; } = new([], [], [], [], []);

    /// <summary>Regions a staff member can pick instead of listing countries, each a fixed list of ISO 3166-1 codes.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> KnownRegions { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["NorthAmerica"] = ["US", "CA", "MX"],
        ["LatinAmerica"] = ["MX", "BR", "AR", "CL", "CO", "PE", "UY"],
        ["Europe"] = ["AT", "BE", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK"],
        ["AsiaPacific"] = ["AU", "NZ", "JP", "KR", "IN", "SG", "HK", "TW", "PH", "ID", "MY", "TH"],
    };

    public static IncidentScope Create(
        IEnumerable<string>? regions, IEnumerable<string>? countries, IEnumerable<SubscriptionPlan>? plans, IEnumerable<DeviceKind>? kinds, IEnumerable<string>? appVersions) =>
        new(
            Clean(regions, r => r),
            Clean(countries, c => c.ToUpperInvariant()),
            (plans ?? []).Distinct().Order().ToList(),
            (kinds ?? []).Distinct().Order().ToList(),
            Clean(appVersions, v => v));

    public static IncidentScope FromStored(IEnumerable<string> regions, IEnumerable<string> countries, IEnumerable<string> plans, IEnumerable<string> kinds, IEnumerable<string> versions) =>
        new(
            regions.ToList(),
            countries.ToList(),
            plans.Select(p => Enum.TryParse<SubscriptionPlan>(p, out var v) ? (SubscriptionPlan?)v : null).OfType<SubscriptionPlan>().ToList(),
            kinds.Select(k => Enum.TryParse<DeviceKind>(k, out var v) ? (DeviceKind?)v : null).OfType<DeviceKind>().ToList(),
            versions.ToList());

    public bool IsEveryone => MatchCountries.Count == 0 && Plans.Count == 0 && DeviceKinds.Count == 0 && AppVersions.Count == 0;

    /// <summary>The countries given plus the countries of the regions given.</summary>
    public IReadOnlyList<string> MatchCountries =>
        Countries.Concat(Regions.SelectMany(r => KnownRegions.TryGetValue(r, out var list) ? list : [])).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public bool HasDeviceCondition => DeviceKinds.Count > 0 || AppVersions.Count > 0;

    /// <summary>The same rule as the SQL query (<c>IncidentMatching.Affected</c>), for one subscriber already in memory.</summary>
    public bool Matches(string country, SubscriptionPlan plan, IEnumerable<(DeviceKind Kind, string AppVersion)> devices)
    {
        var countries = MatchCountries;
        if (countries.Count > 0 && !countries.Contains(country.Trim().ToUpperInvariant(), StringComparer.Ordinal))
        {
            return false;
        }

        if (Plans.Count > 0 && !Plans.Contains(plan))
        {
            return false;
        }

        return !HasDeviceCondition || devices.Any(d =>
            (DeviceKinds.Count == 0 || DeviceKinds.Contains(d.Kind)) && (AppVersions.Count == 0 || AppVersions.Contains(d.AppVersion, StringComparer.Ordinal)));
    }

    private static List<string> Clean(IEnumerable<string>? values, Func<string, string> normalize) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => normalize(v.Trim())).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
}
