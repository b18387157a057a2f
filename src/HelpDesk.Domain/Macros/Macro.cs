using HelpDesk.Domain.Common;
using System.Text.RegularExpressions;

namespace HelpDesk.Domain.Macros;

/// <summary>
/// A saved reply. Placeholders such as <c>{{subscriber.first_name}}</c> are filled when it is used; the optional
/// explanation ("why we ask this") is shown to the subscriber under the reply.
/// </summary>
public sealed partial class Macro
{
    public const int MaxNameLength = 100;
    public const int MaxBodyLength = 5_000;
    public const int MaxExplanationLength = 500;

    public static readonly IReadOnlyList<string> Placeholders =
    [
        "subscriber.first_name", "agent.first_name", "case.number", "case.subject", "subscriber.plan",
    ];

    private Macro()
    {
        Name = Body = string.Empty;
    }

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public string Body { get; private set; }
    public string? Explanation { get; private set; }
    public bool IsActive { get; private set; }
    public Guid? CreatedByAgentId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static Macro Create(string name, string body, string? explanation, Guid? createdBy, DateTimeOffset now)
    {
        var macro = new Macro { Id = Guid.CreateVersion7(), CreatedByAgentId = createdBy, CreatedAt = now, IsActive = true };
        macro.Change(name, body, explanation, now);
        return macro;
    }

    public void Change(string name, string body, string? explanation, DateTimeOffset now)
    {
        var unknown = UnknownPlaceholders(body).ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException(
                "macro.unknown_placeholder",
                $"Unknown placeholder {string.Join(", ", unknown.Select(u => "{{" + u + "}}"))}. Use one of: {string.Join(", ", Placeholders.Select(p => "{{" + p + "}}"))}.");
        }

        Name = name.Trim();
        Body = body.Trim();
        Explanation = string.IsNullOrWhiteSpace(explanation) ? null : explanation.Trim();
        UpdatedAt = now;
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }

    /// <summary>The body with every placeholder replaced by its value.</summary>
    public string Render(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return PlaceholderPattern().Replace(Body, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);
    }

    public static IEnumerable<string> UnknownPlaceholders(string body) =>
        PlaceholderPattern().Matches(body).Select(m => m.Groups[1].Value).Where(p => !Placeholders.Contains(p)).Distinct();

    [GeneratedRegex(@"\{\{\s*([a-z_.]+)\s*\}\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PlaceholderPattern();
}
