using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;

namespace HelpDesk.Application.Search;

/// <summary>
/// Full-text search over case subjects and timeline messages (PostgreSQL <c>websearch_to_tsquery</c> in
/// production). The text is what a person typed: quotes, <c>or</c> and <c>-word</c> work; nothing in it is
/// ever treated as SQL.
/// </summary>
public interface ICaseSearch
{
    /// <summary>Ranked cases held at one of <paramref name="tiers"/>, best first, with a snippet of the best match.</summary>
    Task<CaseSearchResult> SearchAsync(CaseSearchRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Ids of cases whose subject or messages match <paramref name="text"/>, as a query the caller composes with
    /// its own filters (same database context). Internal notes count only when <paramref name="includeInternal"/>.
    /// </summary>
    IQueryable<Guid> MatchingCaseIds(string text, bool includeInternal);
}

public sealed record CaseSearchRequest(string Text, IReadOnlyCollection<AgentTier> Tiers, bool IncludeInternal, int Offset, int Limit);

/// <param name="HasTerms">False when the text held nothing searchable (only operators or very common words).</param>
public sealed record CaseSearchResult(bool HasTerms, IReadOnlyList<CaseSearchHit> Hits);

/// <param name="MatchedIn">Where the best match is: the subject, a public message or an internal note.</param>
/// <param name="Snippet">The matching passage as plain text parts; <see cref="SnippetPart.Match"/> marks the matched words.</param>
public sealed record CaseSearchHit(
    Guid CaseId,
    string Number,
    string Subject,
    CaseStatus Status,
    AgentTier Tier,
    string Queue,
    DateTimeOffset CreatedAt,
    double Rank,
    SearchMatchSource MatchedIn,
    IReadOnlyList<SnippetPart> Snippet);

/// <summary>A run of plain text (never HTML); encode it when rendering and emphasise it when <see cref="Match"/>.</summary>
public sealed record SnippetPart(string Text, bool Match);

public enum SearchMatchSource
{
    Subject,
    Message,
    InternalNote,
}
