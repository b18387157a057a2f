using System.Text.Json;

namespace HelpDesk.Application.Common;

/// <summary>Builds the before/after JSON stored on audit events.</summary>
public static class AuditData
{
    /// <summary>
    /// The data of an event in which every field was given and none changed ("status: New → New"). The transaction drops
    /// such events before saving: an audit row that changed nothing is not written (issue 15).
    /// </summary>
    public const string NothingChanged = "{\"nothing_changed\":true}";

    /// <summary>The fields that changed; one whose value before equals its value after is left out.</summary>
    public static string Of(params (string Field, string? From, string? To)[] changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var changed = changes.Where(c => c.From is null || !string.Equals(c.From, c.To, StringComparison.Ordinal)).ToList();
        if (changes.Length > 0 && changed.Count == 0)
        {
            return NothingChanged;
        }

        var data = changed.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To });
        return JsonSerializer.Serialize(data);
    }
}
