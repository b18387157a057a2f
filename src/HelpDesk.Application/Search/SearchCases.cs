using System.Globalization;
using FluentValidation;
using FluentValidation.Results;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using Mediator;

namespace HelpDesk.Application.Search;

/// <summary>
/// Staff search every case they may work (their tier and below) by words in the subject, messages and
/// internal notes; results are ranked, with the matching passage. Paged with an opaque cursor.
/// </summary>
public static class SearchCases
{
    public const int MinLength = 2;
    public const int MaxLength = 200;
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 50;

    /// <summary>How deep paging goes; past this, refine the words.</summary>
    public const int MaxOffset = 1000;

    public sealed record Query(string? Q, string? Cursor = null, int PageSize = DefaultPageSize) : IQuery<Page<CaseSearchHit>>, IRequireStaff;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Q).Cascade(CascadeMode.Stop)
                .Must(q => SearchText.Normalize(q).Length > 0).WithMessage("Type a word or two to search for.")
                .Must(q => SearchText.Normalize(q).Length >= MinLength).WithMessage($"Type at least {MinLength} characters to search for.")
                .Must(q => SearchText.Normalize(q).Length <= MaxLength)
                .WithMessage(q => $"Search for at most {MaxLength} characters; this has {SearchText.Normalize(q.Q).Length:N0}.")
                .Must(SearchText.HasWord).WithMessage("Type at least one word or number to search for, not only quotes or operators.");
            RuleFor(q => q.Cursor).Must(c => SearchCursor.TryDecode(c, out _))
                .WithMessage("The page cursor is not valid; start the search again.");
            RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize)
                .WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        }
    }

    public sealed class Handler(ICaseSearch search, ICurrentUser user) : IQueryHandler<Query, Page<CaseSearchHit>>
    {
        public async ValueTask<Page<CaseSearchHit>> Handle(Query query, CancellationToken cancellationToken)
        {
            SearchCursor.TryDecode(query.Cursor, out var offset);
            var result = await search.SearchAsync(
                new CaseSearchRequest(SearchText.Normalize(query.Q), CaseAccess.TiersOpenTo(user), IncludeInternal: true, offset, query.PageSize + 1),
                cancellationToken);
            if (!result.HasTerms)
            {
                throw new ValidationException([new ValidationFailure(nameof(Query.Q), "Those words are too common to search for; add a more specific word.")]);
            }

            var items = result.Hits.Take(query.PageSize).ToList();
            var nextOffset = offset + items.Count;
            var next = result.Hits.Count > query.PageSize && nextOffset < MaxOffset ? SearchCursor.Encode(nextOffset) : null;
            return new Page<CaseSearchHit>(items, next);
        }
    }
}

/// <summary>Rules for text typed into a search box.</summary>
public static class SearchText
{
    /// <summary>At least one word other than the "or" operator: text of only quotes, dashes and "or" finds nothing.</summary>
    public static bool HasWord(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                if (!text.AsSpan(start, i - start).Equals("or", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }

                start = -1;
            }
        }

        return false;
    }

    /// <summary>Control characters (which PostgreSQL text cannot always hold) become spaces; ends are trimmed.</summary>
    public static string Normalize(string? text) =>
        text is null ? string.Empty : new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
}

/// <summary>Ranked results page by position; the cursor hides that so it can change later.</summary>
internal static class SearchCursor
{
    private const string Prefix = "s1:";

    public static string Encode(int offset) => CursorText.ToUrlSafe(Prefix + offset.ToString(CultureInfo.InvariantCulture));

    public static bool TryDecode(string? text, out int offset)
    {
        offset = 0;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (text.Length > 40)
        {
            return false;
        }

        return CursorText.TryFromUrlSafe(text, out var decoded)
            && decoded.StartsWith(Prefix, StringComparison.Ordinal)
            && int.TryParse(decoded.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset)
            && offset is > 0 and < SearchCases.MaxOffset;
    }
}
