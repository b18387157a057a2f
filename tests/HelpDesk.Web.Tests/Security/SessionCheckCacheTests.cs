using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// ADR 0133: a node reuses its session checks' answers only while it hears the database's announcements, and a session
/// ended anywhere — by another node, by hand in SQL — is refused here as soon as the announcement arrives. The changes
/// below are made in SQL on a connection of their own, as another node's would be; nothing in this app is told.
/// </summary>
public sealed class SessionCheckCacheTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private SessionCheckCache Cache => app.Services.GetRequiredService<SessionCheckCache>();

    private async Task<(HttpClient Client, string UserId, Guid SessionId)> SignInAsync(string email)
    {
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = Demo.Password });
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await login.JsonAsync()).GetProperty("accessToken").GetString());
        await using var connection = await OpenAsync();
        await using var read = new NpgsqlCommand("""
            SELECT s.user_id, s.id FROM auth_sessions s JOIN "AspNetUsers" u ON u.id = s.user_id
            WHERE u.normalized_email = upper(@email) ORDER BY s.created_at DESC LIMIT 1
            """, connection);
        read.Parameters.AddWithValue("email", email);
        await using var row = await read.ExecuteReaderAsync();
        (await row.ReadAsync()).ShouldBeTrue();
        return (client, row.GetString(0), row.GetGuid(1));
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private async Task ExecuteAsync(string sql, string userId, bool announce = true)
    {
        await using var connection = await OpenAsync();
        if (!announce)
        {
            // Triggers do not fire for a replica session: the change lands in the table unannounced.
            await using var quiet = new NpgsqlCommand("SET session_replication_role = replica", connection);
            await quiet.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("user", userId);
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    private Task ListeningAsync() =>
        AppProcess.WaitUntilAsync(() => Task.FromResult(Cache.Active), TimeSpan.FromSeconds(15), "the node to listen for session changes");

    private static Task RefusedAsync(HttpClient client, string what) =>
        AppProcess.WaitUntilAsync(async () => (await client.GetAsync("/api/v1/auth/me")).StatusCode == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(5), what);

    /// <summary>Who, how, the change made quietly (unannounced) and then a further change of the same column, announced.</summary>
    public static TheoryData<string, string, string, string> Endings => new()
    {
        {
            Demo.Agent1, "revoked",
            "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'ended elsewhere' WHERE user_id = @user AND revoked_at IS NULL",
            "UPDATE auth_sessions SET revoked_at = revoked_at + interval '1 second' WHERE user_id = @user AND revoked_at IS NOT NULL"
        },
        {
            Demo.Agent2, "given a new security stamp",
            """UPDATE "AspNetUsers" SET security_stamp = md5(random()::text) WHERE id = @user""",
            """UPDATE "AspNetUsers" SET security_stamp = md5(clock_timestamp()::text) WHERE id = @user"""
        },
        {
            Demo.Bob, "deactivated",
            """UPDATE "AspNetUsers" SET deactivated_at = now() WHERE id = @user""",
            """UPDATE "AspNetUsers" SET deactivated_at = deactivated_at + interval '1 second' WHERE id = @user"""
        },
    };

    [Theory]
    [MemberData(nameof(Endings))]
    public async Task A_session_ended_elsewhere_is_refused_here_as_soon_as_the_database_announces_it(string email, string how, string quietly, string announced)
    {
        await ListeningAsync();
        var (client, userId, sessionId) = await SignInAsync(email);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Cache.TryGet(userId, sessionId, out var known).ShouldBeTrue("the answer is kept while the node listens");
        known!.Live.ShouldBeTrue();

        // The change without its announcement: this node still answers from what it read. That is what the announcement
        // is for, and it shows the check really is answered from the cache.
        await ExecuteAsync(quietly, userId, announce: false);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK, $"{how}, unannounced");

        // Announced (the triggers fire on any change of those columns): refused within moments, not after the cache's 30 s.
        await ExecuteAsync(announced, userId);
        await RefusedAsync(client, $"a session {how} elsewhere to be refused once announced");
    }

    [Fact]
    public async Task A_lost_listening_connection_stops_the_reuse_and_forgets_everything_until_it_is_back()
    {
        await ListeningAsync();
        var (client, userId, sessionId) = await SignInAsync(Demo.Agent3);
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        Cache.TryGet(userId, sessionId, out _).ShouldBeTrue();

        await using (var connection = await OpenAsync())
        {
            await using var kill = new NpgsqlCommand("""
                SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE application_name = 'helpdesk-session-listener' AND datname = current_database()
                """, connection);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBe(1L, "one listener per node");
        }

        // Whatever was heard before the loss may be stale now: forgotten. The listener comes back by itself.
        await AppProcess.WaitUntilAsync(() => Task.FromResult(!Cache.TryGet(userId, sessionId, out _)), TimeSpan.FromSeconds(5), "the lost listener to forget the answers");
        await ListeningAsync();

        // Back: a revocation in SQL is announced and refused again.
        (await client.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await ExecuteAsync("UPDATE auth_sessions SET revoked_at = now() WHERE user_id = @user AND revoked_at IS NULL", userId);
        await RefusedAsync(client, "a session revoked after the listener came back to be refused");
    }

    private sealed class ManualTime : TimeProvider
    {
        private long _ticks = 1_000_000;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private static (SessionCheckCache Cache, ManualTime Time) NewCache(int seconds = 30, int entries = 100)
    {
        var time = new ManualTime();
        var cache = new SessionCheckCache(Options.Create(new SessionCheckCacheOptions { SessionCheckCacheSeconds = seconds, SessionCheckCacheEntries = entries }), time);
        return (cache, time);
    }

    private static readonly SessionState On = new("stamp", null, true);

    [Fact]
    public void Answers_are_kept_only_while_listening_and_only_for_the_configured_time()
    {
        var (cache, time) = NewCache(seconds: 30);
        var session = Guid.NewGuid();
        cache.Store("u1", session, On, cache.Generation);
        cache.TryGet("u1", session, out _).ShouldBeFalse("not listening yet: nothing is kept");

        cache.StartedListening();
        cache.Store("u1", session, On, cache.Generation);
        cache.TryGet("u1", session, out var state).ShouldBeTrue();
        state.ShouldBe(On);

        time.Advance(TimeSpan.FromSeconds(29));
        cache.TryGet("u1", session, out _).ShouldBeTrue();
        time.Advance(TimeSpan.FromSeconds(1));
        cache.TryGet("u1", session, out _).ShouldBeFalse("30 s at most");

        cache.Store("u1", session, On, cache.Generation);
        cache.StoppedListening();
        cache.TryGet("u1", session, out _).ShouldBeFalse("a lost listener forgets everything");
        cache.StartedListening();
        cache.TryGet("u1", session, out _).ShouldBeFalse("and what it forgot stays forgotten when it is back");
    }

    [Fact]
    public void An_answer_read_before_a_change_was_announced_is_not_kept()
    {
        var (cache, _) = NewCache();
        cache.StartedListening();
        var session = Guid.NewGuid();
        var before = cache.Generation;
        cache.Forget("someone else"); // announced while the read was in flight: the answer may predate any change
        cache.Store("u1", session, On, before);
        cache.TryGet("u1", session, out _).ShouldBeFalse();

        cache.Store("u1", session, On, cache.Generation);
        cache.TryGet("u1", session, out _).ShouldBeTrue();
    }

    [Fact]
    public void Forgetting_a_user_forgets_all_their_sessions_and_no_one_elses()
    {
        var (cache, _) = NewCache();
        cache.StartedListening();
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        cache.Store("u1", a, On, cache.Generation);
        cache.Store("u1", b, On, cache.Generation);
        cache.Store("u2", c, On, cache.Generation);

        cache.Forget("u1");

        cache.TryGet("u1", a, out _).ShouldBeFalse();
        cache.TryGet("u1", b, out _).ShouldBeFalse();
        cache.TryGet("u2", c, out _).ShouldBeTrue();
        cache.ForgetAll();
        cache.TryGet("u2", c, out _).ShouldBeFalse();
    }

    [Fact]
    public void Zero_seconds_turns_the_cache_off_and_a_full_cache_starts_over()
    {
        var (off, _) = NewCache(seconds: 0);
        off.StartedListening();
        off.Active.ShouldBeFalse();
        var session = Guid.NewGuid();
        off.Store("u1", session, On, off.Generation);
        off.TryGet("u1", session, out _).ShouldBeFalse();

        var (small, _) = NewCache(entries: 100);
        small.StartedListening();
        var sessions = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToList();
        foreach (var s in sessions)
        {
            small.Store("u1", s, On, small.Generation);
        }

        small.TryGet("u1", sessions[0], out _).ShouldBeFalse("the 101st answer started the cache over");
        small.TryGet("u1", sessions[^1], out _).ShouldBeTrue();
    }
}
