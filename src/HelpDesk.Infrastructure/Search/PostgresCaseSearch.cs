using System.Security.Cryptography;
using HelpDesk.Application.Search;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Infrastructure.Search;

/// <summary>
/// PostgreSQL full-text search over the generated <c>search_vector</c> columns of cases (subject) and
/// interactions (body), both GIN-indexed. The typed text goes in as a parameter to
/// <c>websearch_to_tsquery</c>, which accepts any input without syntax errors.
/// </summary>
internal sealed class PostgresCaseSearch(HelpDeskDbContext db) : ICaseSearch
{
    /// <summary>
    /// Subjects and messages ranked per search, at most, for words that are not common: the GIN index hands over the
    /// matches and the search ranks them all, up to this many per source (issue 17).
    /// </summary>
    public const int MaxCandidates = 2000;

    /// <summary>
    /// For common words (see <see cref="CommonFrequency"/>): the newest this many matching subjects and this many matching
    /// messages are ranked, found by walking the newest rows instead of the word's whole GIN posting list (ADR 0124).
    /// </summary>
    public const int RecentCandidates = 25;

    /// <summary>How many of the newest cases and of the newest messages the walk for a common word looks at, at most.</summary>
    public const int RecentWindow = 10_000;

    /// <summary>
    /// A search is common for a table when its words are satisfied by the lexemes that PostgreSQL's statistics
    /// (<c>pg_stats.most_common_elems</c>) count in at least this share of the table's rows.
    /// </summary>
    public const double CommonFrequency = 0.02;

    // One statement, the same for every word (its plan does not depend on the word): the choice between walking the
    // newest rows and the GIN index is made while it runs (one-time filters), from the table's statistics and from what
    // the walk found. Common words: the newest @recent matches among the newest @window rows (a walk that stops at
    // @recent). Words that are not common, or common words whose combination is rare there: the GIN index, at most
    // @candidates per source. A subject match weighs more than the same words deep in a message; ties: newest case first.
    // Keep tests/HelpDesk.Benchmarks/Load/Baselines.cs (SearchSql) the same statement.
    private const string SearchSql = """
        WITH query AS (SELECT websearch_to_tsquery('english', @q) AS q),
        common AS (
            SELECT s.tablename::text AS source,
                   array_to_tsvector(ARRAY(SELECT m.e FROM unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS m(e, f)
                                           WHERE m.e IS NOT NULL AND m.f >= @common)) @@ query.q AS common
            FROM pg_stats s, query
            WHERE s.schemaname = current_schema() AND s.tablename IN ('cases', 'interactions') AND s.attname = 'search_vector'
        ),
        recent_subjects AS MATERIALIZED (
            SELECT c.id AS case_id, (ts_rank(c.search_vector, query.q) * 1.5)::float8 AS rank, NULL::uuid AS interaction_id, 'Subject' AS source
            FROM (SELECT c.id, c.search_vector, c.tier FROM cases c
                  WHERE (SELECT common FROM common WHERE source = 'cases') IS TRUE
                  ORDER BY c.created_at DESC, c.id DESC LIMIT @window) c, query
            WHERE c.search_vector @@ query.q AND c.tier = ANY(@tiers)
            LIMIT @recent
        ),
        recent_messages AS MATERIALIZED (
            SELECT i.case_id, ts_rank(i.search_vector, query.q)::float8 AS rank, i.id AS interaction_id,
                   CASE WHEN i.visibility = 'Internal' THEN 'InternalNote' ELSE 'Message' END AS source
            FROM (SELECT i.id, i.case_id, i.search_vector, i.visibility FROM interactions i
                  WHERE (SELECT common FROM common WHERE source = 'interactions') IS TRUE
                  ORDER BY i.id DESC LIMIT @window) i
            JOIN cases c ON c.id = i.case_id, query
            WHERE i.search_vector @@ query.q AND c.tier = ANY(@tiers) AND (@internal OR i.visibility = 'Public')
            LIMIT @recent
        ),
        hits AS (
            SELECT * FROM recent_subjects WHERE (SELECT count(*) FROM recent_subjects) >= @recent
            UNION ALL
            (SELECT c.id, (ts_rank(c.search_vector, query.q) * 1.5)::float8, NULL::uuid, 'Subject'
            FROM cases c, query
            WHERE (SELECT count(*) FROM recent_subjects) < @recent AND c.search_vector @@ query.q AND c.tier = ANY(@tiers)
            LIMIT @candidates)
            UNION ALL
            SELECT * FROM recent_messages WHERE (SELECT count(*) FROM recent_messages) >= @recent
            UNION ALL
            (SELECT i.case_id, ts_rank(i.search_vector, query.q)::float8, i.id,
                   CASE WHEN i.visibility = 'Internal' THEN 'InternalNote' ELSE 'Message' END
            FROM interactions i JOIN cases c ON c.id = i.case_id, query
            WHERE (SELECT count(*) FROM recent_messages) < @recent AND i.search_vector @@ query.q AND c.tier = ANY(@tiers)
              AND (@internal OR i.visibility = 'Public')
            LIMIT @candidates)
        ),
        best AS (
            SELECT DISTINCT ON (case_id) case_id, rank, interaction_id, source
            FROM hits
            ORDER BY case_id, rank DESC, interaction_id NULLS FIRST
        ),
        page AS (
            SELECT * FROM best ORDER BY rank DESC, case_id DESC OFFSET @offset LIMIT @limit
        )
        SELECT p.case_id, c.number, c.subject, c.status, c.tier, c.queue, c.created_at, p.rank, p.source,
               ts_headline('english', coalesce(i.body, c.subject), query.q, @options) AS snippet
        FROM page p
        JOIN cases c ON c.id = p.case_id
        LEFT JOIN interactions i ON i.id = p.interaction_id
        CROSS JOIN query
        ORDER BY p.rank DESC, p.case_id DESC
        """;

    public async Task<CaseSearchResult> SearchAsync(CaseSearchRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // One round trip: a batch of two statements, the word check and the search. The statement's plan is the same
            // for every word (the choice is made while it runs), but PostgreSQL planned it again on every execution: 1.5 ms
            // of planning for 1.1 ms of execution at a million cases. Outside a caller's transaction the batch is one
            // implicit transaction (one Sync), and the check sets plan_cache_mode = force_generic_plan for that
            // transaction only (set_config's is_local), so the search uses its one generic plan and the connection keeps
            // its setting. Inside a caller's transaction nothing is set. (ADR 0124.)
            var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            await using var batch = ((NpgsqlConnection)db.Database.GetDbConnection()).CreateBatch();
            batch.Transaction = (NpgsqlTransaction?)transaction;
            var check = new NpgsqlBatchCommand(transaction is null
                ? "SELECT numnode(websearch_to_tsquery('english', @q)), set_config('plan_cache_mode', 'force_generic_plan', true)"
                : "SELECT numnode(websearch_to_tsquery('english', @q))");
            check.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = request.Text });
            batch.BatchCommands.Add(check);

            // Highlight marks no stored text can contain: a fresh random token per search.
            var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
            var (start, stop) = ($"[[hl{nonce}]]", $"[[/hl{nonce}]]");
            var search = new NpgsqlBatchCommand(SearchSql);
            search.Parameters.Add(new NpgsqlParameter("q", NpgsqlDbType.Text) { Value = request.Text });
            search.Parameters.Add(new NpgsqlParameter("tiers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = request.Tiers.Select(t => t.ToString()).ToArray() });
            search.Parameters.Add(new NpgsqlParameter("internal", NpgsqlDbType.Boolean) { Value = request.IncludeInternal });
            search.Parameters.Add(new NpgsqlParameter("offset", NpgsqlDbType.Integer) { Value = request.Offset });
            search.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = request.Limit });
            search.Parameters.Add(new NpgsqlParameter("candidates", NpgsqlDbType.Integer) { Value = MaxCandidates });
            search.Parameters.Add(new NpgsqlParameter("recent", NpgsqlDbType.Integer) { Value = RecentCandidates });
            search.Parameters.Add(new NpgsqlParameter("window", NpgsqlDbType.Integer) { Value = RecentWindow });
            search.Parameters.Add(new NpgsqlParameter("common", NpgsqlDbType.Double) { Value = CommonFrequency });
            search.Parameters.Add(new NpgsqlParameter("options", NpgsqlDbType.Text)
            {
                Value = $"StartSel=\"{start}\", StopSel=\"{stop}\", MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=\" … \"",
            });
            batch.BatchCommands.Add(search);

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            // A text of only stop words has no terms: the search then matches nothing (PostgreSQL skips an empty query's
            // index scan), and the caller is told to add a more specific word.
            var hasTerms = await reader.ReadAsync(cancellationToken) && reader.GetInt32(0) > 0;
            await reader.NextResultAsync(cancellationToken);
            var hits = new List<CaseSearchHit>();
            while (await reader.ReadAsync(cancellationToken))
            {
                hits.Add(new CaseSearchHit(
                    reader.GetGuid(0),
                    CaseNumber.Format(reader.GetInt64(1)),
                    reader.GetString(2),
                    Enum.Parse<CaseStatus>(reader.GetString(3)),
                    Enum.Parse<AgentTier>(reader.GetString(4)),
                    reader.GetString(5),
                    reader.GetFieldValue<DateTimeOffset>(6),
                    reader.GetDouble(7),
                    Enum.Parse<SearchMatchSource>(reader.GetString(8)),
                    Highlights.Split(reader.GetString(9), start, stop)));
            }

            return new CaseSearchResult(hasTerms, hasTerms ? hits : []);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    public IQueryable<Guid> MatchingCaseIds(string text, bool includeInternal) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT c.id AS "Value" FROM cases c WHERE c.search_vector @@ websearch_to_tsquery('english', {text})
            UNION
            SELECT i.case_id FROM interactions i
            WHERE i.search_vector @@ websearch_to_tsquery('english', {text}) AND ({includeInternal} OR i.visibility = 'Public')
            """);
}

/// <summary>Turns <c>ts_headline</c> output into plain-text parts, so no stored text is ever rendered as HTML.</summary>
internal static class Highlights
{
    public static IReadOnlyList<SnippetPart> Split(string headline, string start, string stop)
    {
        var parts = new List<SnippetPart>();
        var position = 0;
        while (position < headline.Length)
        {
            var open = headline.IndexOf(start, position, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add(new SnippetPart(headline[position..], false));
                break;
            }

            if (open > position)
            {
                parts.Add(new SnippetPart(headline[position..open], false));
            }

            var close = headline.IndexOf(stop, open + start.Length, StringComparison.Ordinal);
            var end = close < 0 ? headline.Length : close;
            parts.Add(new SnippetPart(headline[(open + start.Length)..end], true));
            position = close < 0 ? headline.Length : close + stop.Length;
        }

        return parts.Where(p => p.Text.Length > 0).ToList();
    }
}
