using System.Text.Json;

namespace HelpDesk.Application.Common;

/// <summary>Builds the before/after JSON stored on audit events.</summary>
public static class AuditData
{
    public static string Of(params (string Field, string? From, string? To)[] changes)
    {
        var data = changes.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To });
        return JsonSerializer.Serialize(data);
    }
}
