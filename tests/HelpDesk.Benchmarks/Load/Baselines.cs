using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// The baselines: a minimal Kestrel server in the harness process that answers each scenario's request with the
/// one SQL statement it needs (raw Npgsql, prepared, no reset on close) and writes the same rows as JSON or HTML.
/// </summary>
public sealed class Baselines : IAsyncDisposable
{
    public const string ListSql = """
        SELECT c.id, c.number, c.subject, c.category, c.priority, c.status, c.tier, c.queue, c.created_at, c.updated_at,
               a.first_name, a.last_name, a.tier, s.first_name, s.last_name,
               c.response_sla, c.resolution_sla, c.response_due_at, c.response_warn_at, c.resolution_due_at, c.resolution_warn_at, c.sla_paused_at
        FROM cases c
        JOIN subscribers s ON s.id = c.subscriber_id
        LEFT JOIN agents a ON a.id = c.assignee_id
        WHERE c.tier = ANY(@tiers) AND c.queue = @queue
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT 26
        """;

    public const string CaseSql = """
        SELECT json_build_object(
          'case', (SELECT row_to_json(x) FROM (SELECT c.id, c.number, c.subject, c.category, c.priority, c.status, c.tier, c.queue, c.assignee_id,
                     c.created_at, c.updated_at, c.response_due_at, c.resolution_due_at, c.response_sla, c.resolution_sla, c.follow_up_due_at) x),
          'subscriber', (SELECT row_to_json(s) FROM subscribers s WHERE s.id = c.subscriber_id),
          'interactions', (SELECT json_agg(i ORDER BY i.created_at) FROM (SELECT id, channel, direction, author_kind, author_name, visibility, body, created_at
                            FROM interactions WHERE case_id = c.id) i),
          'devices', (SELECT json_agg(d) FROM (SELECT kind, name, app_version, last_seen_at FROM subscriber_devices WHERE subscriber_id = c.subscriber_id) d),
          'payments', (SELECT json_agg(p) FROM (SELECT amount, currency, status, method, at FROM subscriber_payments WHERE subscriber_id = c.subscriber_id ORDER BY at DESC LIMIT 6) p),
          'credits', (SELECT json_agg(e) FROM (SELECT kind, amount, currency, reason_code, created_at FROM credit_entries WHERE subscriber_id = c.subscriber_id ORDER BY created_at DESC LIMIT 10) e),
          'previous', (SELECT json_agg(o) FROM (SELECT id, number, subject, status, created_at FROM cases WHERE subscriber_id = c.subscriber_id AND id <> c.id ORDER BY created_at DESC LIMIT 5) o))
        FROM cases c WHERE c.id = @id
        """;

    // The claim statement of ClaimNextCase (same WHERE, ORDER BY and SKIP LOCKED, the agent's count from agent_workloads as
    // since ADR 0135), for one agent with no skill or language limits.
    public const string ClaimSql = """
        UPDATE cases
        SET assignee_id = @agent, status = CASE WHEN cases.status = 'New' THEN 'Open' ELSE cases.status END, updated_at = now()
        FROM (
            SELECT c.id, c.status AS previous_status
            FROM cases c
            WHERE c.queue = @queue AND c.assignee_id IS NULL AND c.status NOT IN ('Resolved', 'Closed', 'PendingSubscriber')
              AND c.merged_into_id IS NULL AND c.tier = ANY(@tiers)
              AND coalesce((SELECT w.active_cases FROM agent_workloads w WHERE w.agent_id = @agent), 0) < @capacity
            ORDER BY c.attention_at NULLS LAST, c.created_at
            LIMIT 1
            FOR UPDATE OF c SKIP LOCKED
        ) pick
        WHERE cases.id = pick.id
        RETURNING cases.id, cases.number, cases.subject, cases.priority, cases.status, pick.previous_status, cases.queue
        """;

    // PostgresCaseSearch's statement, the same one (ADR 0124): its constants (RecentCandidates 25, RecentWindow 10,000,
    // CommonFrequency 0.02, MaxCandidates 2,000) as literals, a supervisor's search (internal notes included), the first
    // page (20 + 1 to know whether there is a next one) and the same ts_headline options.
    public const string SearchSql = """
        WITH query AS (SELECT websearch_to_tsquery('english', @q) AS q),
        common AS (
            SELECT s.tablename::text AS source,
                   array_to_tsvector(ARRAY(SELECT m.e FROM unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS m(e, f)
                                           WHERE m.e IS NOT NULL AND m.f >= 0.02)) @@ query.q AS common
            FROM pg_stats s, query
            WHERE s.schemaname = current_schema() AND s.tablename IN ('cases', 'interactions') AND s.attname = 'search_vector'
        ),
        recent_subjects AS MATERIALIZED (
            SELECT c.id AS case_id, (ts_rank(c.search_vector, query.q) * 1.5)::float8 AS rank, NULL::uuid AS interaction_id, 'Subject' AS source
            FROM (SELECT c.id, c.search_vector, c.tier FROM cases c
                  WHERE (SELECT common FROM common WHERE source = 'cases') IS TRUE
                  ORDER BY c.created_at DESC, c.id DESC LIMIT 10000) c, query
            WHERE c.search_vector @@ query.q AND c.tier = ANY(@tiers)
            LIMIT 25
        ),
        recent_messages AS MATERIALIZED (
            SELECT i.case_id, ts_rank(i.search_vector, query.q)::float8 AS rank, i.id AS interaction_id,
                   CASE WHEN i.visibility = 'Internal' THEN 'InternalNote' ELSE 'Message' END AS source
            FROM (SELECT i.id, i.case_id, i.search_vector, i.visibility FROM interactions i
                  WHERE (SELECT common FROM common WHERE source = 'interactions') IS TRUE
                  ORDER BY i.id DESC LIMIT 10000) i
            JOIN cases c ON c.id = i.case_id, query
            WHERE i.search_vector @@ query.q AND c.tier = ANY(@tiers) AND (true OR i.visibility = 'Public')
            LIMIT 25
        ),
        hits AS (
            SELECT * FROM recent_subjects WHERE (SELECT count(*) FROM recent_subjects) >= 25
            UNION ALL
            (SELECT c.id, (ts_rank(c.search_vector, query.q) * 1.5)::float8, NULL::uuid, 'Subject'
            FROM cases c, query
            WHERE (SELECT count(*) FROM recent_subjects) < 25 AND c.search_vector @@ query.q AND c.tier = ANY(@tiers)
            LIMIT 2000)
            UNION ALL
            SELECT * FROM recent_messages WHERE (SELECT count(*) FROM recent_messages) >= 25
            UNION ALL
            (SELECT i.case_id, ts_rank(i.search_vector, query.q)::float8, i.id,
                   CASE WHEN i.visibility = 'Internal' THEN 'InternalNote' ELSE 'Message' END
            FROM interactions i JOIN cases c ON c.id = i.case_id, query
            WHERE (SELECT count(*) FROM recent_messages) < 25 AND i.search_vector @@ query.q AND c.tier = ANY(@tiers)
              AND (true OR i.visibility = 'Public')
            LIMIT 2000)
        ),
        best AS (
            SELECT DISTINCT ON (case_id) case_id, rank, interaction_id, source
            FROM hits
            ORDER BY case_id, rank DESC, interaction_id NULLS FIRST
        ),
        page AS (
            SELECT * FROM best ORDER BY rank DESC, case_id DESC OFFSET 0 LIMIT 21
        )
        SELECT p.case_id, c.number, c.subject, c.status, c.tier, c.queue, c.created_at, p.rank, p.source,
               ts_headline('english', coalesce(i.body, c.subject), query.q, @options) AS snippet
        FROM page p
        JOIN cases c ON c.id = p.case_id
        LEFT JOIN interactions i ON i.id = p.interaction_id
        CROSS JOIN query
        ORDER BY p.rank DESC, p.case_id DESC
        """;

    private const string HeadlineOptions = "StartSel=\"[[hl0]]\", StopSel=\"[[/hl0]]\", MaxWords=30, MinWords=12, ShortWord=3, MaxFragments=2, FragmentDelimiter=\" … \"";

    private static readonly string[] AllTiers = ["Tier1", "Tier2", "Tier3", "Supervisor"];
    private static readonly string[] Tier1 = ["Tier1"];

    private readonly WebApplication _app;
    private readonly NpgsqlDataSource _data;

    private Baselines(WebApplication app, NpgsqlDataSource data, string url)
    {
        _app = app;
        _data = data;
        Url = url;
    }

    public string Url { get; }

    public static async Task<Baselines> StartAsync(string connectionString, int port)
    {
        var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 50, NoResetOnClose = true, MaxPoolSize = 100,
        }.ConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.MapGet("/queue", (HttpContext http, string queue, string? format) => QueueAsync(http, data, queue, format == "html"));
        app.MapGet("/case/{id:guid}", (HttpContext http, Guid id, string? format) => CaseAsync(http, data, id, format == "html"));
        app.MapGet("/search", (HttpContext http, string q) => SearchAsync(http, data, q));
        app.MapPost("/intake", (HttpContext http, Guid subscriber) => IntakeAsync(http, data, subscriber));
        app.MapPost("/claim", (HttpContext http, string queue, Guid agent) => ClaimAsync(http, data, queue, agent));
        await app.StartAsync();
        return new Baselines(app, data, $"http://127.0.0.1:{port}");
    }

    private static async Task QueueAsync(HttpContext http, NpgsqlDataSource data, string queue, bool html)
    {
        await using var cmd = data.CreateCommand(ListSql);
        cmd.Parameters.AddWithValue("tiers", Tier1);
        cmd.Parameters.AddWithValue("queue", queue);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        var sb = new StringBuilder(html ? "<!doctype html><html><body><table>" : "{\"items\":[");
        var first = true;
        while (await reader.ReadAsync(http.RequestAborted))
        {
            var number = $"HD-{reader.GetInt64(1):D6}";
            var assignee = reader.IsDBNull(10) ? null : $"{reader.GetString(10)} {reader.GetString(11)}";
            var subscriber = $"{reader.GetString(13)} {reader.GetString(14)}";
            if (html)
            {
                sb.Append("<tr><td><a href=\"/Agent/Cases/Details/").Append(reader.GetGuid(0)).Append("\">").Append(number).Append("</a></td><td>")
                    .Append(HtmlEncoder.Default.Encode(reader.GetString(2))).Append("</td><td>").Append(reader.GetString(5)).Append("</td><td>")
                    .Append(reader.GetString(4)).Append("</td><td>").Append(HtmlEncoder.Default.Encode(assignee ?? "Unassigned")).Append("</td><td>")
                    .Append(HtmlEncoder.Default.Encode(subscriber)).Append("</td><td>").Append(reader.GetFieldValue<DateTimeOffset>(8).ToString("u")).Append("</td></tr>");
            }
            else
            {
                sb.Append(first ? string.Empty : ",").Append("{\"id\":\"").Append(reader.GetGuid(0)).Append("\",\"number\":\"").Append(number)
                    .Append("\",\"subject\":\"").Append(JavaScriptEncoder.Default.Encode(reader.GetString(2))).Append("\",\"category\":\"").Append(reader.GetString(3))
                    .Append("\",\"priority\":\"").Append(reader.GetString(4)).Append("\",\"status\":\"").Append(reader.GetString(5))
                    .Append("\",\"tier\":\"").Append(reader.GetString(6)).Append("\",\"queue\":\"").Append(reader.GetString(7))
                    .Append("\",\"assignee\":").Append(assignee is null ? "null" : $"\"{JavaScriptEncoder.Default.Encode(assignee)}\"")
                    .Append(",\"subscriber\":\"").Append(JavaScriptEncoder.Default.Encode(subscriber))
                    .Append("\",\"createdAt\":\"").Append(reader.GetFieldValue<DateTimeOffset>(8).ToString("O"))
                    .Append("\",\"updatedAt\":\"").Append(reader.GetFieldValue<DateTimeOffset>(9).ToString("O")).Append("\"}");
            }

            first = false;
        }

        sb.Append(html ? "</table></body></html>" : "],\"next\":null}");
        http.Response.ContentType = html ? "text/html; charset=utf-8" : "application/json";
        await http.Response.WriteAsync(sb.ToString(), http.RequestAborted);
    }

    private static async Task CaseAsync(HttpContext http, NpgsqlDataSource data, Guid id, bool html)
    {
        await using var cmd = data.CreateCommand(CaseSql);
        cmd.Parameters.AddWithValue("id", id);
        var json = (string?)await cmd.ExecuteScalarAsync(http.RequestAborted);
        if (json is null)
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.ContentType = html ? "text/html; charset=utf-8" : "application/json";
        await http.Response.WriteAsync(html ? $"<!doctype html><html><body><pre>{HtmlEncoder.Default.Encode(json)}</pre></body></html>" : json, http.RequestAborted);
    }

    private static async Task SearchAsync(HttpContext http, NpgsqlDataSource data, string q)
    {
        await using var cmd = data.CreateCommand(SearchSql);
        cmd.Parameters.AddWithValue("q", q);
        cmd.Parameters.AddWithValue("tiers", AllTiers);
        cmd.Parameters.AddWithValue("options", HeadlineOptions);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        var sb = new StringBuilder("[");
        while (await reader.ReadAsync(http.RequestAborted))
        {
            sb.Append(sb.Length > 1 ? "," : string.Empty).Append("{\"id\":\"").Append(reader.GetGuid(0)).Append("\",\"number\":").Append(reader.GetInt64(1))
                .Append(",\"subject\":\"").Append(JavaScriptEncoder.Default.Encode(reader.GetString(2))).Append("\",\"rank\":").Append(reader.GetDouble(7))
                .Append(",\"snippet\":\"").Append(JavaScriptEncoder.Default.Encode(reader.GetString(9))).Append("\"}");
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(sb.Append(']').ToString(), http.RequestAborted);
    }

    /// <summary>
    /// The rows intake writes for a new case: the case (next number), the message and the receipt, the audit event and the
    /// acknowledgement email in the outbox, in one transaction.
    /// </summary>
    private static async Task IntakeAsync(HttpContext http, NpgsqlDataSource data, Guid subscriber)
    {
        await using var connection = await data.OpenConnectionAsync(http.RequestAborted);
        await using var tx = await connection.BeginTransactionAsync(http.RequestAborted);
        var id = Guid.CreateVersion7();
        var now = DateTimeOffset.UtcNow;
        await using var batch = new NpgsqlBatch(connection, tx);
        batch.BatchCommands.Add(Command("""
            INSERT INTO cases (id, subscriber_id, channel, subject, category, priority, status, tier, queue, created_at, updated_at, language,
                response_clock_started_at, resolution_clock_started_at, response_sla, resolution_sla, response_due_at, attention_at)
            VALUES (@id, @s, 'Portal', 'My video keeps buffering', 'Playback', 'Normal', 'New', 'Tier1', 'Portal-Tier1', @now, @now, 'en', @now, @now, 'Ok', 'Ok', @now, @now)
            """, ("id", id), ("s", subscriber), ("now", now)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO interactions (id, case_id, channel, direction, author_kind, author_id, author_name, visibility, body, created_at)
            VALUES (@i1, @id, 'Portal', 'Inbound', 'Subscriber', @s, 'Alice', 'Public', 'Since yesterday every show stops after a few minutes.', @now),
                   (@i2, @id, 'Portal', 'Internal', 'System', NULL, 'HelpDesk', 'Public', 'We received your case.', @now)
            """, ("i1", Guid.CreateVersion7()), ("i2", Guid.CreateVersion7()), ("id", id), ("s", subscriber), ("now", now)));
        batch.BatchCommands.Add(Command("""
            INSERT INTO audit_events (occurred_at, actor_name, action, entity_type, entity_id, case_id) VALUES (@now, 'alice@example.com', 'case.opened', 'case', @e, @id)
            """, ("now", now), ("e", id.ToString()), ("id", id)));
        // The acknowledgement the app queues for the subscriber ("we received your request"), as the sender finds it:
        // pending, due now. The harness's app has no SMTP settings, so neither its rows nor these are sent during the run.
        batch.BatchCommands.Add(Command("""
            INSERT INTO outbound_emails (id, case_id, kind, to_address, to_name, subject, text_body, message_id, status, attempts, next_attempt_at, created_at)
            VALUES (@m, @id, 'Acknowledgement', 'alice@example.com', 'Alice Example', 'We received your request: My video keeps buffering',
                    @body, @mid, 'Pending', 0, @now, @now)
            """, ("m", Guid.CreateVersion7()), ("id", id), ("now", now), ("mid", $"{id:N}.ack@helpdesk.test"),
            ("body", "Hello Alice,\n\nWe received your request \"My video keeps buffering\". Its case number is HD-1000001; keep it in the subject when you write about it.\n\n"
                + "You can expect an answer from our team by Monday 7 December 2026, 16:00 (Europe/London).\n\nYou can reply to this email to add anything to your request.\n")));
        await batch.ExecuteNonQueryAsync(http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);
        http.Response.StatusCode = 201;
        await http.Response.WriteAsync($"{{\"id\":\"{id}\"}}", http.RequestAborted);
    }

    private static async Task ClaimAsync(HttpContext http, NpgsqlDataSource data, string queue, Guid agent)
    {
        await using var cmd = data.CreateCommand(ClaimSql);
        cmd.Parameters.AddWithValue("agent", agent);
        cmd.Parameters.AddWithValue("queue", queue);
        cmd.Parameters.AddWithValue("tiers", Tier1);
        cmd.Parameters.AddWithValue("capacity", 1_000_000);
        await using var reader = await cmd.ExecuteReaderAsync(http.RequestAborted);
        var claimed = await reader.ReadAsync(http.RequestAborted) ? reader.GetGuid(0) : (Guid?)null;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(claimed is { } c ? $"{{\"claimed\":true,\"case\":{{\"id\":\"{c}\"}}}}" : "{\"claimed\":false}", http.RequestAborted);
    }

    private static NpgsqlBatchCommand Command(string sql, params (string Name, object Value)[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value));
        }

        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _data.DisposeAsync();
    }
}
