using System.Text.Json;

namespace HelpDesk.IntegrationTests;

/// <summary>Reads the before/after pairs of an audit event (stored as jsonb, so key order and spacing are PostgreSQL's).</summary>
internal static class AuditJson
{
    public static (string? From, string? To) Change(string? data, string field)
    {
        data.ShouldNotBeNull();
        using var json = JsonDocument.Parse(data);
        json.RootElement.TryGetProperty(field, out var change).ShouldBeTrue($"no '{field}' in {data}");
        return (Text(change.GetProperty("from")), Text(change.GetProperty("to")));
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.Null ? null : value.GetString();
}
