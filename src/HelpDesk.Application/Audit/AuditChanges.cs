using System.Text.Json;

namespace HelpDesk.Application.Audit;

internal static class AuditChanges
{
    /// <summary>
    /// Reads the <c>data</c> JSON written by <c>AuditData.Of</c> (<c>{"field":{"from":..,"to":..}}</c>); any other
    /// shape is shown as the field's new value, so nothing recorded is hidden.
    /// </summary>
    public static IReadOnlyList<AuditChange> Parse(string? data)
    {
        if (string.IsNullOrWhiteSpace(data))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(data);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [new AuditChange("data", null, document.RootElement.GetRawText())];
            }

            var changes = new List<AuditChange>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                var value = property.Value;
                if (value.ValueKind == JsonValueKind.Object && (value.TryGetProperty("from", out _) || value.TryGetProperty("to", out _)))
                {
                    changes.Add(new AuditChange(property.Name, Text(value, "from"), Text(value, "to")));
                }
                else
                {
                    changes.Add(new AuditChange(property.Name, null, Text(value)));
                }
            }

            return changes;
        }
        catch (JsonException)
        {
            return [new AuditChange("data", null, data)];
        }
    }

    private static string? Text(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Text(value) : null;

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}
