using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Hosting;

/// <summary>
/// Issue 3, item 6: the app with no connection string runs its own PostgreSQL, seeds demo data, prints the
/// URL and logins, stops the cluster on exit, and reuses it on the next start.
/// </summary>
public sealed class EmbeddedDefaultTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"helpdesk-test-pg-app-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Without_a_connection_string_the_app_runs_its_own_postgres_seeds_demo_data_and_reuses_it_after_a_restart()
    {
        var environment = new Dictionary<string, string> { ["HelpDesk__EmbeddedPostgres__DataDirectory"] = _folder };
        int port;
        await using (var first = AppProcess.Start(environment))
        {
            (await first.WaitUntilReadyAsync(TimeSpan.FromMinutes(2))).ShouldBeTrue(first.Output);
            first.Output.ShouldContain($"HelpDesk is running at {first.Url}");
            first.Output.ShouldContain("alice@example.com");
            first.Output.ShouldContain("Demo!2345");

            using var client = new HttpClient { BaseAddress = new Uri(first.Url) };
            var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Agent1, password = Demo.Password });
            login.StatusCode.ShouldBe(HttpStatusCode.OK, first.Output);
            port = int.Parse(await File.ReadAllTextAsync(Path.Combine(_folder, "port")), System.Globalization.CultureInfo.InvariantCulture);

            await first.StopAsync();
            first.ExitCode.ShouldBe(0, first.Output);
        }

        PostgresRunningIn(_folder).ShouldBeFalse("the embedded cluster must stop with the app");

        await using var second = AppProcess.Start(environment);
        (await second.WaitUntilReadyAsync(TimeSpan.FromMinutes(2))).ShouldBeTrue(second.Output);
        second.Output.ShouldContain($"127.0.0.1:{port}");
        using var again = new HttpClient { BaseAddress = new Uri(second.Url) };
        (await again.PostAsJsonAsync("/api/v1/auth/login", new { email = Demo.Alice, password = Demo.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Output.ShouldNotContain("Seeded demo data");
        await second.StopAsync();
    }

    [Fact]
    public async Task With_neither_postgres_binaries_nor_a_connection_string_the_app_exits_with_one_clear_message()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["HelpDesk__EmbeddedPostgres__BinDirectory"] = Path.Combine(_folder, "no-such-bin"),
            ["HelpDesk__EmbeddedPostgres__DataDirectory"] = _folder,
        });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromMinutes(1));

        exitCode.ShouldBe(1);
        app.Output.ShouldContain("HelpDesk needs PostgreSQL. Either set the connection string ConnectionStrings__HelpDesk");
        app.Output.ShouldContain("apt-get install postgresql");
        Directory.Exists(Path.Combine(_folder, "data")).ShouldBeFalse();
    }

    private static bool PostgresRunningIn(string folder)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", ["-f", folder]) { RedirectStandardOutput = true })!;
        pgrep.WaitForExit();
        return pgrep.ExitCode == 0;
    }
}
