using System.Diagnostics;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Subscribers;
using Npgsql;
using NpgsqlTypes;

namespace HelpDesk.Benchmarks.Load;

/// <summary>
/// Fills a migrated HelpDesk database with realistic data for N cases by binary COPY: N/5 subscribers with devices
/// and payments, N cases over every channel, status, tier, priority and queue (~20% active, half of those
/// unassigned), ~5N interactions (the generated tsvector columns are computed by PostgreSQL on insert), N/10
/// credits, audit events, chats and callbacks. Secondary indexes are dropped for the load and rebuilt after it.
/// </summary>
public sealed class Seeder(string connectionString, int cases, TextWriter log)
{
    public const string RareWord = "zeppelin";
    public const string CommonWord = "buffering";
    public const string LoadAgentPrefix = "loadagent";
    public const int LoadAgents = 64;

    /// <summary>The case the case-page scenario opens: exactly 20 interactions, with a subscriber that has context.</summary>
    public static readonly Guid CasePageId = Guid.Parse("0190aaaa-0000-7000-8000-000000000020");

    private static readonly string[] Tables =
    [
        "subscribers", "subscriber_devices", "subscriber_payments", "cases", "interactions", "credit_entries",
        "audit_events", "chat_conversations", "chat_messages", "callback_requests", "case_participants", "outbound_emails",
    ];

    private static readonly string[] FirstNames = ["Alice", "Bruno", "Chen", "Dana", "Emeka", "Fatima", "Gustav", "Hana", "Ivan", "Julia", "Kofi", "Lucía", "Marta", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sven", "Tomás", "Uma", "Víctor", "Wen", "Yusuf", "Zoë"];
    private static readonly string[] LastNames = ["Martin", "García", "Nguyen", "Smith", "Okafor", "Haddad", "Larsen", "Sato", "Petrov", "Rossi", "Mensah", "Fernández", "Kowalska", "Sharma", "Ivanova", "Silva", "Brown", "Moreau", "Berg", "López"];
    private static readonly (string Country, string Language, string Zone, string Currency)[] Regions =
    [
        ("US", "en", "America/New_York", "USD"), ("US", "en", "America/Los_Angeles", "USD"), ("GB", "en", "Europe/London", "GBP"),
        ("ES", "es", "Europe/Madrid", "EUR"), ("MX", "es", "America/Mexico_City", "USD"), ("BR", "pt", "America/Sao_Paulo", "USD"),
        ("DE", "en", "Europe/Berlin", "EUR"), ("IN", "en", "Asia/Kolkata", "USD"),
    ];

    private static readonly string[] Subjects =
    [
        "Video keeps buffering on my living-room TV", "Charged twice this month", "Cannot sign in on my phone",
        "Subtitles out of sync", "App crashes when I open downloads", "Refund for cancelled plan", "Password reset email never arrives",
        "Show missing from my list", "4K not available on Premium", "Someone changed my account email", "Error code 1011 on stick",
        "How do I add a profile?", "Audio drops every few minutes", "Payment failed but card is fine", "Download limit reached",
    ];

    private static readonly string[] Sentences =
    [
        "The video keeps buffering every few minutes even though my connection is fast.",
        "I restarted the router and the TV but nothing changed.",
        "We can see the payment twice on the statement for this month.",
        "Could you tell me the model and year of the device and whether it uses Wi-Fi or a cable?",
        "The subtitles are about two seconds behind the audio on every episode.",
        "Thank you for your patience, I have applied a credit to your account.",
        "The app shows error code 1011 and then goes back to the home screen.",
        "My daughter's profile disappeared after the last update.",
        "Please clear the app cache and sign in again; that usually fixes it.",
        "I never received the password reset email, not even in spam.",
        "Streaming stops with a spinning wheel and the picture quality drops.",
        "We have escalated this to our billing team who will reply within two days.",
        "The download button is greyed out on the tablet.",
        "Internal note: customer confirmed the issue is on all devices, likely account-side.",
        "Is there any outage in my area right now? Nothing plays.",
        "I want to cancel and get a refund for the remaining days.",
    ];

    private readonly Random _random = new(20261206);
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public int Subscribers => SubscriberCount ?? Math.Max(50, cases / 5);

    /// <summary>Overrides N/5 (the incident-match measurement seeds subscribers only).</summary>
    public int? SubscriberCount { get; init; }

    /// <summary>Only subscribers with their devices and payments (for <c>incident-match</c>); no cases.</summary>
    public async Task SeedSubscribersOnlyAsync(CancellationToken cancellationToken = default)
    {
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await SeedSubscribersAsync(data, DateTimeOffset.UtcNow, cancellationToken);
    }

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        await using var data = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        var reference = await ReadReferenceAsync(data, cancellationToken);
        var indexes = await DropIndexesAsync(data, cancellationToken);
        try
        {
            var now = DateTimeOffset.UtcNow;
            var subscribers = await SeedSubscribersAsync(data, now, cancellationToken);
            await SeedCasesAsync(data, reference, subscribers, now, cancellationToken);
        }
        finally
        {
            await RecreateIndexesAsync(data, indexes, cancellationToken);
        }

        await SeedLoadAgentsAsync(data, cancellationToken);
        // The bulk load ran without triggers (replica role): the agents' active-case counts are rebuilt from the cases.
        await ExecAsync(data, "SELECT helpdesk_recount_agent_workloads()", cancellationToken);
        await ExecAsync(data, "SELECT setval('case_number_seq', (SELECT max(number) FROM cases))", cancellationToken);
        await ExecAsync(data, "VACUUM ANALYZE", cancellationToken);
        log.WriteLine($"seed: done in {_clock.Elapsed.TotalSeconds:F0} s");
    }

    private sealed record Reference(Guid[] Tier1Agents, Guid[] SeniorAgents, string[] AgentNames, Dictionary<string, Guid> Policies);

    private static async Task<Reference> ReadReferenceAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        var tier1 = new List<Guid>();
        var senior = new List<Guid>();
        var names = new List<string>();
        await using (var cmd = data.CreateCommand("SELECT id, tier, first_name FROM agents ORDER BY email"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                (reader.GetString(1) == nameof(AgentTier.Tier1) ? tier1 : senior).Add(reader.GetGuid(0));
                names.Add(reader.GetString(2));
            }
        }

        if (tier1.Count == 0 || senior.Count == 0)
        {
            throw new InvalidOperationException("Seed needs the demo agents (start the app once with HelpDesk:SeedDemoData=true).");
        }

        var policies = new Dictionary<string, Guid>();
        await using (var cmd = data.CreateCommand("SELECT priority, id FROM sla_policies WHERE channel IS NULL"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                policies[reader.GetString(0)] = reader.GetGuid(1);
            }
        }

        return new Reference([.. tier1], [.. senior], [.. names], policies);
    }

    /// <summary>Secondary indexes (not primary keys or constraints) of the loaded tables: dropped now, rebuilt after.</summary>
    private async Task<List<string>> DropIndexesAsync(NpgsqlDataSource data, CancellationToken ct)
    {
        var found = new List<(string Name, string Definition)>();
        await using (var cmd = data.CreateCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = 'public' AND i.tablename = ANY(@tables)
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """))
        {
            cmd.Parameters.AddWithValue("tables", Tables);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in found)
        {
            await ExecAsync(data, $"DROP INDEX \"{name}\"", ct);
        }

        log.WriteLine($"seed: dropped {found.Count} secondary indexes for the load");
        return found.Select(f => f.Definition).ToList();
    }

    private async Task RecreateIndexesAsync(NpgsqlDataSource data, List<string> definitions, CancellationToken ct)
    {
        var done = 0;
        // Two at a time: index builds are CPU-bound and the machine is shared.
        await Parallel.ForEachAsync(definitions.OrderByDescending(d => d.Contains("gin", StringComparison.OrdinalIgnoreCase)),
            new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = ct },
            async (definition, token) =>
            {
                await ExecAsync(data, "SET maintenance_work_mem = '256MB'; " + definition, token);
                Progress("indexes", Interlocked.Increment(ref done), definitions.Count);
            });
        log.WriteLine();
    }

    private async Task<(Guid Id, string First, string Language)[]> SeedSubscribersAsync(NpgsqlDataSource data, DateTimeOffset now, CancellationToken ct)
    {
        var count = Subscribers;
        var result = new (Guid, string, string)[count];
        await using var connection = await data.OpenConnectionAsync(ct);
        await ReplicaAsync(connection, ct);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscribers (id, email, first_name, last_name, plan, country, language, time_zone, billing_currency, member_since, monthly_price) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                var id = SeqGuid(1, i);
                var first = FirstNames[i % FirstNames.Length];
                var last = LastNames[(i / FirstNames.Length) % LastNames.Length];
                var region = Regions[i % Regions.Length];
                var plan = (SubscriptionPlan)(i % 3);
                result[i] = (id, first, region.Language);
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync($"load{i}@subscribers.test", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(first, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(last, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(plan.ToString(), NpgsqlDbType.Text, ct);
                await copy.WriteAsync(region.Country, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(region.Language, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(region.Zone, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(region.Currency, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(now.AddDays(-_random.Next(1, 3000)), NpgsqlDbType.TimestampTz, ct);
                await copy.WriteAsync(plan switch { SubscriptionPlan.Basic => 6.99m, SubscriptionPlan.Standard => 12.99m, _ => 22.99m }, NpgsqlDbType.Numeric, ct);
                Progress("subscribers", i + 1, count);
            }

            await copy.CompleteAsync(ct);
        }

        log.WriteLine();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscriber_devices (id, subscriber_id, kind, name, app_version, last_seen_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                for (var d = 0; d < 1 + (i % 3); d++)
                {
                    var kind = (DeviceKind)((i + d) % 6);
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(result[i].Item1, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(kind.ToString(), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(kind switch { DeviceKind.SmartTv => "Living-room TV", DeviceKind.Phone => "Pixel 8", DeviceKind.Tablet => "iPad Air", DeviceKind.GameConsole => "PlayStation 5", DeviceKind.StreamingStick => "Fire TV Stick", _ => "Chrome on Windows" }, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync($"8.{i % 5}.{d}", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(now.AddHours(-_random.Next(1, 2000)), NpgsqlDbType.TimestampTz, ct);
                }

                Progress("devices", i + 1, count);
            }

            await copy.CompleteAsync(ct);
        }

        log.WriteLine();
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY subscriber_payments (id, subscriber_id, amount, currency, status, method, at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < count; i++)
            {
                var region = Regions[i % Regions.Length];
                for (var p = 0; p < 3; p++)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(result[i].Item1, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(12.99m, NpgsqlDbType.Numeric, ct);
                    await copy.WriteAsync(region.Currency, NpgsqlDbType.Text, ct);
                    await copy.WriteAsync((i + p) % 17 == 0 ? nameof(PaymentStatus.Failed) : nameof(PaymentStatus.Paid), NpgsqlDbType.Text, ct);
                    await copy.WriteAsync($"Visa •••• {1000 + (i % 9000)}", NpgsqlDbType.Text, ct);
                    await copy.WriteAsync(now.AddDays(-30 * p - (i % 28)), NpgsqlDbType.TimestampTz, ct);
                }

                Progress("payments", i + 1, count);
            }

            await copy.CompleteAsync(ct);
        }

        log.WriteLine();
        return result;
    }

    private async Task SeedCasesAsync(
        NpgsqlDataSource data, Reference reference, (Guid Id, string First, string Language)[] subscribers, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await data.OpenConnectionAsync(ct);
        await ReplicaAsync(connection, ct);
        await using var interactionConnection = await data.OpenConnectionAsync(ct);
        await ReplicaAsync(interactionConnection, ct);
        var side = new List<CaseRow>(capacity: 1024);
        long interactionCount = 0;
        await using (var caseCopy = await connection.BeginBinaryImportAsync("""
            COPY cases (id, number, subscriber_id, channel, subject, category, priority, status, tier, queue, assignee_id, created_at, updated_at,
                first_responded_at, resolved_at, attention_at, closed_at, language, last_agent_reply_at, reopen_count,
                resolution_clock_started_at, resolution_due_at, resolution_sla, resolution_warn_at,
                response_clock_started_at, response_due_at, response_sla, response_warn_at, sla_paused_at, sla_paused_for, sla_policy_id)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        // The interactions go through a second connection at the same time, so PostgreSQL computes both
        // tables' tsvectors on two backends.
        await using (var interactions = await interactionConnection.BeginBinaryImportAsync("""
            COPY interactions (id, case_id, channel, direction, author_kind, author_id, author_name, visibility, body, created_at)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            for (var n = 0; n < cases; n++)
            {
                var row = NewCase(n, reference, subscribers, now);
                await WriteCaseAsync(caseCopy, row, reference, ct);
                var count = row.Id == CasePageId ? 20 : 1 + _random.Next(0, 9);
                for (var k = 0; k < count; k++)
                {
                    var inbound = k % 2 == 0;
                    var agentId = row.Assignee ?? reference.Tier1Agents[n % reference.Tier1Agents.Length];
                    var body = Body(n, k);
                    await interactions.StartRowAsync(ct);
                    await interactions.WriteAsync(Guid.CreateVersion7(row.Created.AddMinutes(k * 30)), NpgsqlDbType.Uuid, ct);
                    await interactions.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                    await interactions.WriteAsync(row.Channel.ToString(), NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(inbound ? nameof(Direction.Inbound) : nameof(Direction.Outbound), NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(inbound ? nameof(AuthorKind.Subscriber) : nameof(AuthorKind.Agent), NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(inbound ? row.Subscriber : agentId, NpgsqlDbType.Uuid, ct);
                    await interactions.WriteAsync(inbound ? row.SubscriberFirst : "Sam", NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(k % 7 == 6 ? nameof(Visibility.Internal) : nameof(Visibility.Public), NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(body, NpgsqlDbType.Text, ct);
                    await interactions.WriteAsync(row.Created.AddMinutes(k * 30), NpgsqlDbType.TimestampTz, ct);
                }

                interactionCount += count;
                if (n % 50 == 0)
                {
                    side.Add(row);
                }

                Progress($"cases + interactions ({interactionCount:N0})", n + 1, cases);
            }

            await caseCopy.CompleteAsync(ct);
            await interactions.CompleteAsync(ct);
        }

        log.WriteLine();
        await SeedSideTablesAsync(connection, reference, subscribers, side, now, ct);
    }

    private sealed record CaseRow(
        Guid Id, long Number, Guid Subscriber, string SubscriberFirst, Channel Channel, CaseStatus Status, AgentTier Tier, string Queue,
        Guid? Assignee, DateTimeOffset Created, CasePriority Priority, CaseCategory Category, string Language);

    private CaseRow NewCase(int n, Reference reference, (Guid Id, string First, string Language)[] subscribers, DateTimeOffset now)
    {
        var subscriber = subscribers[n == cases - 1 ? 0 : _random.Next(subscribers.Length)];
        var channel = (Channel)(n % 4);
        var roll = _random.Next(100);
        // ~20% active: New 6, Open 7, PendingSubscriber 4, PendingInternal 3; then Resolved 15, Closed 65.
        var status = roll switch
        {
            < 6 => CaseStatus.New,
            < 13 => CaseStatus.Open,
            < 17 => CaseStatus.PendingSubscriber,
            < 20 => CaseStatus.PendingInternal,
            < 35 => CaseStatus.Resolved,
            _ => CaseStatus.Closed,
        };
        var tierRoll = _random.Next(100);
        var tier = tierRoll switch { < 80 => AgentTier.Tier1, < 95 => AgentTier.Tier2, < 98 => AgentTier.Tier3, _ => AgentTier.Supervisor };
        if (n == cases / 2)
        {
            // The case-page scenario's case is read by a Tier 1 agent: a senior tier's case would be a 404 for them.
            tier = AgentTier.Tier1;
        }

        var queue = tier switch
        {
            AgentTier.Tier1 => channel switch { Channel.Portal => "Portal-Tier1", Channel.Email => "Email-Tier1", Channel.Chat => "Chat-Tier1", _ => "Callback-Tier1" },
            _ => tier.ToString(),
        };
        var category = tier == AgentTier.Tier3 ? (CaseCategory)(6 + _random.Next(4)) : (CaseCategory)_random.Next(6);
        var priority = tier == AgentTier.Tier3 ? CasePriority.Urgent : (CasePriority)(_random.Next(10) switch { < 2 => 0, < 7 => 1, < 9 => 2, _ => 3 });
        var active = status is not (CaseStatus.Resolved or CaseStatus.Closed);
        // The newest cases are the active ones; the rest spread over the past year.
        var created = active ? now.AddMinutes(-_random.Next(5, 14 * 24 * 60)) : now.AddMinutes(-_random.Next(14 * 24 * 60, 365 * 24 * 60));
        Guid? assignee = status == CaseStatus.New || (active && _random.Next(2) == 0) ? null
            : tier == AgentTier.Tier1 ? reference.Tier1Agents[_random.Next(reference.Tier1Agents.Length)] : reference.SeniorAgents[_random.Next(reference.SeniorAgents.Length)];
        var id = n == cases / 2 ? CasePageId : Guid.CreateVersion7(created);
        return new CaseRow(id, n + 1000, subscriber.Id, subscriber.First, channel, status, tier, queue, assignee, created, priority, category, subscriber.Language);
    }

    private async Task WriteCaseAsync(NpgsqlBinaryImporter copy, CaseRow row, Reference reference, CancellationToken ct)
    {
        var active = row.Status is not (CaseStatus.Resolved or CaseStatus.Closed);
        var responded = row.Status != CaseStatus.New ? row.Created.AddHours(1) : (DateTimeOffset?)null;
        // Resolved cases were resolved within the reopen window: older ones a running system has already closed, so the SLA
        // sweeper has no backlog of auto-closes competing with the measured requests.
        var resolved = row.Status == CaseStatus.Resolved ? DateTimeOffset.UtcNow.AddMinutes(-_random.Next(60, 6 * 24 * 60))
            : row.Status == CaseStatus.Closed ? row.Created.AddDays(2) : (DateTimeOffset?)null;
        // Active cases: deadlines ahead of now (so the SLA sweeper has nothing to raise) except a tenth that is already breached.
        var breached = active && _random.Next(10) == 0;
        var responseDue = active ? DateTimeOffset.UtcNow.AddHours(breached ? -_random.Next(1, 48) : _random.Next(2, 72)) : row.Created.AddHours(8);
        var resolutionDue = responseDue.AddDays(2);
        var paused = row.Status == CaseStatus.PendingSubscriber ? row.Created.AddHours(2) : (DateTimeOffset?)null;
        await copy.StartRowAsync(ct);
        await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(row.Number, NpgsqlDbType.Bigint, ct);
        await copy.WriteAsync(row.Subscriber, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(row.Channel.ToString(), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(Subjects[(int)(row.Number % Subjects.Length)] + (row.Number % 5000 == 7 ? $" {RareWord}" : string.Empty), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Category.ToString(), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Priority.ToString(), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Status.ToString(), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Tier.ToString(), NpgsqlDbType.Text, ct);
        await copy.WriteAsync(row.Queue, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, row.Assignee, NpgsqlDbType.Uuid, ct);
        await copy.WriteAsync(row.Created, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(resolved ?? responded ?? row.Created, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, responded, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, resolved, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, active && paused is null ? responseDue : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct); // attention_at
        await WriteNullableAsync(copy, row.Status == CaseStatus.Closed ? resolved!.Value.AddDays(7) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(row.Language, NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, responded, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(0, NpgsqlDbType.Integer, ct);
        // Deadlines as the domain keeps them (Case.RefreshSla): none once a case is resolved or closed, and no resolution
        // deadline while the clock is paused. Deadlines left on the 800,000 ended cases made the SLA sweeper's partial
        // indexes useless and its selection a 2-second scan at a million cases, which a running system never has.
        var resolutionRuns = active && paused is null;
        await WriteNullableAsync(copy, row.Created, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, resolutionRuns ? resolutionDue : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(breached ? "Breached" : "Ok", NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, resolutionRuns ? resolutionDue.AddHours(-4) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, row.Created, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, active ? responseDue : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(breached ? "Breached" : "Ok", NpgsqlDbType.Text, ct);
        await WriteNullableAsync(copy, active ? responseDue.AddMinutes(-30) : (DateTimeOffset?)null, NpgsqlDbType.TimestampTz, ct);
        await WriteNullableAsync(copy, paused, NpgsqlDbType.TimestampTz, ct);
        await copy.WriteAsync(TimeSpan.Zero, NpgsqlDbType.Interval, ct);
        await WriteNullableAsync(copy, reference.Policies.TryGetValue(row.Priority.ToString(), out var policy) ? policy : (Guid?)null, NpgsqlDbType.Uuid, ct);
    }

    private string Body(int n, int k)
    {
        var a = Sentences[_random.Next(Sentences.Length)];
        var b = Sentences[_random.Next(Sentences.Length)];
        var rare = (n * 31 + k) % 100_000 == 17 ? $" The {RareWord} logo shows on the screen." : string.Empty;
        return $"{a} {b}{rare}";
    }

    private async Task SeedSideTablesAsync(
        NpgsqlConnection connection, Reference reference, (Guid Id, string First, string Language)[] subscribers, List<CaseRow> sample, DateTimeOffset now, CancellationToken ct)
    {
        // Credits: N/10 issued entries across subscribers.
        var credits = Math.Max(10, cases / 10);
        string[] reasons = ["service_outage", "billing_error", "goodwill", "playback_failure"];
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY credit_entries (id, subscriber_id, kind, amount, currency, reason_code, note, issued_by_agent_id, issued_by_name, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < credits; i++)
            {
                var subscriber = subscribers[_random.Next(subscribers.Length)];
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync(subscriber.Id, NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("Issue", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(1m + (i % 20), NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(Regions[i % Regions.Length].Currency, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(reasons[i % reasons.Length], NpgsqlDbType.Text, ct);
                await copy.WriteAsync("Credit for the trouble during the outage.", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(reference.Tier1Agents[i % reference.Tier1Agents.Length], NpgsqlDbType.Uuid, ct);
                await copy.WriteAsync("Sam (Tier 1 agent)", NpgsqlDbType.Text, ct);
                await copy.WriteAsync(now.AddDays(-_random.Next(1, 365)), NpgsqlDbType.TimestampTz, ct);
                Progress("credits", i + 1, credits);
            }

            await copy.CompleteAsync(ct);
        }

        log.WriteLine();
        // Audit: "case.opened" for every case, plus an assignment for the sample, written set-based.
        await ExecAsync(connection, """
            INSERT INTO audit_events (occurred_at, actor_name, action, entity_type, entity_id, case_id)
            SELECT created_at, 'load@subscribers.test', 'case.opened', 'case', id::text, id FROM cases WHERE number >= 1000;
            INSERT INTO audit_events (occurred_at, actor_name, action, entity_type, entity_id, case_id, data)
            SELECT updated_at, 'agent', 'case.assigned', 'case', id::text, id, jsonb_build_object('assignee', assignee_id) FROM cases WHERE assignee_id IS NOT NULL AND number % 3 = 0;
            """, ct);
        log.WriteLine($"seed: audit events ({_clock.Elapsed.TotalSeconds:F0} s)");

        // Chats (for chat cases in the sample) with four messages each, and callbacks (phone cases in the sample).
        await using (var chats = await connection.BeginBinaryImportAsync(
            "COPY chat_conversations (id, case_id, subscriber_id, is_guest, display_name, language, state, priority, agent_id, agent_name, last_seq, created_at, updated_at, ended_at, ended_by, queued_at, accepted_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in sample.Where(r => r.Channel == Channel.Chat))
            {
                var agent = row.Assignee ?? reference.Tier1Agents[0];
                await chats.StartRowAsync(ct);
                await chats.WriteAsync(ChatId(row.Id), NpgsqlDbType.Uuid, ct);
                await chats.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await chats.WriteAsync(row.Subscriber, NpgsqlDbType.Uuid, ct);
                await chats.WriteAsync(false, NpgsqlDbType.Boolean, ct);
                await chats.WriteAsync(row.SubscriberFirst, NpgsqlDbType.Text, ct);
                await chats.WriteAsync(row.Language, NpgsqlDbType.Text, ct);
                await chats.WriteAsync(nameof(ChatState.Ended), NpgsqlDbType.Text, ct);
                await chats.WriteAsync(row.Priority.ToString(), NpgsqlDbType.Text, ct);
                await chats.WriteAsync(agent, NpgsqlDbType.Uuid, ct);
                await chats.WriteAsync("Sam", NpgsqlDbType.Text, ct);
                await chats.WriteAsync(4L, NpgsqlDbType.Bigint, ct);
                await chats.WriteAsync(row.Created, NpgsqlDbType.TimestampTz, ct);
                await chats.WriteAsync(row.Created.AddMinutes(20), NpgsqlDbType.TimestampTz, ct);
                await chats.WriteAsync(row.Created.AddMinutes(20), NpgsqlDbType.TimestampTz, ct);
                await chats.WriteAsync(nameof(ChatEndedBy.Agent), NpgsqlDbType.Text, ct);
                await chats.WriteAsync(row.Created.AddMinutes(2), NpgsqlDbType.TimestampTz, ct);
                await chats.WriteAsync(row.Created.AddMinutes(4), NpgsqlDbType.TimestampTz, ct);
            }

            await chats.CompleteAsync(ct);
        }

        await using (var messages = await connection.BeginBinaryImportAsync(
            "COPY chat_messages (id, conversation_id, seq, author_kind, author_id, display_name, text, steps, offers_person, created_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in sample.Where(r => r.Channel == Channel.Chat))
            {
                for (var s = 1; s <= 4; s++)
                {
                    var kind = s switch { 1 => ChatAuthorKind.Subscriber, 2 => ChatAuthorKind.Assistant, 3 => ChatAuthorKind.Subscriber, _ => ChatAuthorKind.Agent };
                    await messages.StartRowAsync(ct);
                    await messages.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                    await messages.WriteAsync(ChatId(row.Id), NpgsqlDbType.Uuid, ct);
                    await messages.WriteAsync((long)s, NpgsqlDbType.Bigint, ct);
                    await messages.WriteAsync(kind.ToString(), NpgsqlDbType.Text, ct);
                    await WriteNullableAsync(messages, kind == ChatAuthorKind.Subscriber ? row.Subscriber : (Guid?)null, NpgsqlDbType.Uuid, ct);
                    await messages.WriteAsync(kind switch { ChatAuthorKind.Subscriber => row.SubscriberFirst, ChatAuthorKind.Assistant => "Virtual assistant", _ => "Sam" }, NpgsqlDbType.Text, ct);
                    await messages.WriteAsync(Sentences[(s * 3 + (int)(row.Number % 5)) % Sentences.Length], NpgsqlDbType.Text, ct);
                    await messages.WriteAsync("[]", NpgsqlDbType.Jsonb, ct);
                    await messages.WriteAsync(kind == ChatAuthorKind.Assistant, NpgsqlDbType.Boolean, ct);
                    await messages.WriteAsync(row.Created.AddMinutes(s), NpgsqlDbType.TimestampTz, ct);
                }
            }

            await messages.CompleteAsync(ct);
        }

        await using (var callbacks = await connection.BeginBinaryImportAsync(
            "COPY callback_requests (id, case_id, subscriber_id, phone, window_start, window_end, time_zone_id, topic, priority, source, status, due_at, attempt_count, created_at, updated_at, ended_at) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var row in sample.Where(r => r.Channel == Channel.Phone))
            {
                var active = row.Status is not (CaseStatus.Resolved or CaseStatus.Closed);
                await callbacks.StartRowAsync(ct);
                await callbacks.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await callbacks.WriteAsync(row.Id, NpgsqlDbType.Uuid, ct);
                await callbacks.WriteAsync(row.Subscriber, NpgsqlDbType.Uuid, ct);
                await callbacks.WriteAsync($"+1202555{row.Number % 10000:D4}", NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync(row.Created.AddHours(1), NpgsqlDbType.TimestampTz, ct);
                await callbacks.WriteAsync(row.Created.AddHours(3), NpgsqlDbType.TimestampTz, ct);
                await callbacks.WriteAsync("America/New_York", NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync("Billing question", NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync(row.Priority.ToString(), NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync(nameof(CallbackSource.Portal), NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync(active ? nameof(CallbackStatus.Cancelled) : nameof(CallbackStatus.Completed), NpgsqlDbType.Text, ct);
                await callbacks.WriteAsync(row.Created.AddHours(1), NpgsqlDbType.TimestampTz, ct);
                await callbacks.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await callbacks.WriteAsync(row.Created, NpgsqlDbType.TimestampTz, ct);
                await callbacks.WriteAsync(row.Created.AddHours(2), NpgsqlDbType.TimestampTz, ct);
                await callbacks.WriteAsync(row.Created.AddHours(2), NpgsqlDbType.TimestampTz, ct);
            }

            await callbacks.CompleteAsync(ct);
        }

        // Email cases are threaded for their owner: a participant row for one email case in 50 (email cases have numbers
        // ≡ 1 mod 4, so the sample is numbers ≡ 1 mod 200; "% 50 = 0" matched no email case and no reply ever threaded).
        await ExecAsync(connection, """
            INSERT INTO case_participants (case_id, address, role, added_at)
            SELECT c.id, s.email, 'Owner', c.created_at FROM cases c JOIN subscribers s ON s.id = c.subscriber_id
            WHERE c.channel = 'Email' AND c.number >= 1000 AND c.number % 200 = 1
            ON CONFLICT DO NOTHING;
            """, ct);
        // The outbox a year of mail leaves: every case's acknowledgement ("we received your message") and the "resolved"
        // email of every resolved or closed case, sent, to the subscriber's address. The acknowledgement rate limit of
        // inbound mail and the sender's work list read this table (ADR 0125).
        await ExecAsync(connection, """
            INSERT INTO outbound_emails (id, case_id, kind, to_address, to_name, subject, text_body, message_id, status, attempts,
                                         next_attempt_at, created_at, sent_at)
            SELECT gen_random_uuid(), c.id, 'Acknowledgement', s.email, s.first_name, '[HD-' || c.number || '] We received your message',
                   'Hi ' || s.first_name || E',\n\nWe received your message and opened case HD-' || c.number || E'. We will answer within a day.\n',
                   '<seed-ack-' || c.number || '@helpdesk.test>', 'Sent', 1, c.created_at, c.created_at, c.created_at + interval '5 seconds'
            FROM cases c JOIN subscribers s ON s.id = c.subscriber_id WHERE c.number >= 1000;
            INSERT INTO outbound_emails (id, case_id, kind, to_address, to_name, subject, text_body, message_id, in_reply_to, status,
                                         attempts, next_attempt_at, created_at, sent_at)
            SELECT gen_random_uuid(), c.id, 'Resolved', s.email, s.first_name, '[HD-' || c.number || '] Your case is resolved',
                   'Hi ' || s.first_name || E',\n\nWe resolved case HD-' || c.number || E'. How did we do? One click tells us.\n',
                   '<seed-resolved-' || c.number || '@helpdesk.test>', '<seed-ack-' || c.number || '@helpdesk.test>', 'Sent', 1,
                   c.resolved_at, c.resolved_at, c.resolved_at + interval '5 seconds'
            FROM cases c JOIN subscribers s ON s.id = c.subscriber_id
            WHERE c.number >= 1000 AND c.status IN ('Resolved', 'Closed') AND c.resolved_at IS NOT NULL;
            """, ct);
        log.WriteLine($"seed: credits, audit, chats, callbacks, participants, outbound email ({_clock.Elapsed.TotalSeconds:F0} s)");
    }

    /// <summary>64 Tier 1 agents (password as the demo accounts) with room for any number of cases, for claim-next.</summary>
    private static async Task SeedLoadAgentsAsync(NpgsqlDataSource data, CancellationToken ct) =>
        await ExecAsync(data, $"""
            INSERT INTO "AspNetUsers" (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                security_stamp, concurrency_stamp, phone_number_confirmed, two_factor_enabled, lockout_enabled, access_failed_count)
            SELECT 'load-agent-' || g, '{LoadAgentPrefix}' || g || '@helpdesk.test', upper('{LoadAgentPrefix}' || g || '@helpdesk.test'),
                   '{LoadAgentPrefix}' || g || '@helpdesk.test', upper('{LoadAgentPrefix}' || g || '@helpdesk.test'), true, u.password_hash,
                   md5(g::text || 'stamp'), md5(g::text), false, false, false, 0
            FROM generate_series(1, {LoadAgents}) g, "AspNetUsers" u WHERE u.normalized_email = 'AGENT1@HELPDESK.TEST'
            ON CONFLICT DO NOTHING;
            INSERT INTO "AspNetUserRoles" (user_id, role_id)
            SELECT 'load-agent-' || g, r.role_id FROM generate_series(1, {LoadAgents}) g,
                (SELECT ur.role_id FROM "AspNetUserRoles" ur JOIN "AspNetUsers" u ON u.id = ur.user_id WHERE u.normalized_email = 'AGENT1@HELPDESK.TEST') r
            ON CONFLICT DO NOTHING;
            INSERT INTO agents (id, user_id, email, first_name, last_name, tier, time_zone, capacity, languages, skills, chat_capacity)
            SELECT gen_random_uuid(), 'load-agent-' || g, '{LoadAgentPrefix}' || g || '@helpdesk.test', 'Load', 'Agent ' || g, 'Tier1', 'UTC', 1000000, ARRAY[]::text[], ARRAY[]::text[], 3
            FROM generate_series(1, {LoadAgents}) g
            ON CONFLICT DO NOTHING;
            """, ct);

    private static Guid ChatId(Guid caseId)
    {
        var bytes = caseId.ToByteArray();
        bytes[15] ^= 0x5a;
        return new Guid(bytes);
    }

    private static Guid SeqGuid(int kind, int i) => Guid.Parse($"0190{kind:x4}-0000-7000-8000-{i:x12}");

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTimeOffset? value, NpgsqlDbType type, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, Guid? value, NpgsqlDbType type, CancellationToken ct) =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static async Task ReplicaAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        // No triggers (foreign-key checks, the ledger guard) during the bulk load; every reference is generated valid.
        await using var cmd = new NpgsqlCommand("SET session_replication_role = replica; SET synchronous_commit = off", connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlDataSource data, string sql, CancellationToken ct)
    {
        await using var cmd = data.CreateCommand(sql);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private long _lastProgress;

    private void Progress(string what, long done, long total)
    {
        var tick = _clock.ElapsedMilliseconds;
        if (done != total && tick - _lastProgress < 500)
        {
            return;
        }

        _lastProgress = tick;
        var width = 30;
        var filled = (int)(width * done / Math.Max(1, total));
        var rate = done / Math.Max(0.001, _clock.Elapsed.TotalSeconds);
        log.Write($"\rseed: [{new string('#', filled)}{new string('.', width - filled)}] {done:N0}/{total:N0} {what}  {_clock.Elapsed.TotalSeconds:F0} s   ");
        _ = rate;
    }
}
