using System.Linq.Expressions;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;

namespace HelpDesk.Application.Cases;

public sealed record TimelineEntry(
    Guid Id,
    Guid CaseId,
    AuthorKind AuthorKind,
    string AuthorName,
    Visibility Visibility,
    Direction Direction,
    Channel Channel,
    string Body,
    string? Explanation,
    DateTimeOffset CreatedAt)
{
    /// <summary>The one mapping from a stored interaction, usable in EF queries and in memory.</summary>
    public static readonly Expression<Func<Interaction, TimelineEntry>> Projection =
        i => new TimelineEntry(i.Id, i.CaseId, i.AuthorKind, i.AuthorName, i.Visibility, i.Direction, i.Channel, i.Body, i.Explanation, i.CreatedAt);

    private static readonly Func<Interaction, TimelineEntry> Compiled = Projection.Compile();

    public static TimelineEntry From(Interaction interaction) => Compiled(interaction);
}
