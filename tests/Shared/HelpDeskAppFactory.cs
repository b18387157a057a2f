using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Domain.Agents;
using HelpDesk.Web.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace HelpDesk.Testing;

/// <summary>
/// The real app (Program) on its own database cloned from the seeded template. Demo accounts exist with
/// password <c>Demo!2345</c>. Dispose drops the database.
/// </summary>
public class HelpDeskAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Sign-in attempts allowed per minute per IP; tests sign in often from one address.</summary>
    protected virtual int SignInPerMinute => 1000;

    /// <summary>Chats started per client address per minute (many tests start chats from 127.0.0.1).</summary>
    protected virtual int ChatStartsPerMinute => 1000;

    /// <summary>Requests per client address per minute to the other anonymous entry points (guest chat calls, satisfaction).</summary>
    protected virtual int AnonymousPerMinute => 100_000;

    /// <summary>Password-reset and confirmation emails asked per client address per minute, and per email address per hour.</summary>
    protected virtual int AccountEmailsPerMinute => 1000;

    protected virtual int AccountEmailsPerAddressPerHour => 1000;

    protected virtual bool UseRealServer => false;

    /// <summary>
    /// Two-factor sign-in as shipped (required for supervisors and administrators). Off by default in tests, so the demo
    /// staff sign in with their password; the two-factor tests turn it on (ADR 0114).
    /// </summary>
    protected virtual bool RequireTwoFactor => false;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync(GetType().Name, BuildTemplateAsync);
        if (UseRealServer)
        {
            UseKestrel(0);
            StartServer();
        }
        else
        {
            _ = Server;
        }
    }

    public new virtual async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>Runs the app once against the template: migrations, roles and demo data.</summary>
    internal static async Task BuildTemplateAsync(string connectionString)
    {
        await using var seeder = new TemplateSeeder(connectionString);
        _ = seeder.Server;
    }

    /// <summary>False to test the production limits on mail servers (MailServerOptions).</summary>
    protected virtual bool AllowPrivateMailServers => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:HelpDesk", ConnectionString);
        builder.UseSetting("HelpDesk:SeedDemoData", "false");
        builder.UseSetting("HelpDesk:RateLimits:SignInPerMinute", SignInPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests that want the SLA sweeper run it themselves (or turn the worker on in their own factory).
        builder.UseSetting("HelpDesk:Sla:SweepIntervalSeconds", "0");
        builder.UseSetting("HelpDesk:Chat:SweepIntervalSeconds", "0");
        builder.UseSetting("HelpDesk:RateLimits:ChatStartsPerMinute", ChatStartsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:RateLimits:AnonymousPerMinute", AnonymousPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:RateLimits:AccountEmailsPerMinute", AccountEmailsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Accounts:EmailsPerAddressPerHour", AccountEmailsPerAddressPerHour.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (!RequireTwoFactor)
        {
            builder.UseSetting("HelpDesk:TwoFactor:RequiredFor:Supervisor", "false");
            builder.UseSetting("HelpDesk:TwoFactor:RequiredFor:Admin", "false");
        }

        // The test mail servers (dovecot, SMTP) listen on loopback at free ports.
        builder.UseSetting("HelpDesk:Email:MailServers:AllowPrivateAddresses", AllowPrivateMailServers ? "true" : "false");
        builder.UseSetting("HelpDesk:Email:MailServers:AllowedPorts", AllowPrivateMailServers ? "*" : "143,993,110,995");
        builder.ConfigureTestServices(services =>
        {
            // Integration tests may act as someone without HTTP (TestIdentity.As); HTTP requests use the real user.
            services.RemoveAll<ICurrentUser>();
            services.AddScoped<HttpCurrentUser>();
            services.AddScoped<ICurrentUser>(sp =>
                sp.GetRequiredService<CurrentUserOverride>().User ?? TestIdentity.Current ?? (ICurrentUser)sp.GetRequiredService<HttpCurrentUser>());
        });
    }

    private sealed class TemplateSeeder(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:HelpDesk", connectionString);
            builder.UseSetting("HelpDesk:SeedDemoData", "true");
            builder.UseSetting("HelpDesk:Sla:SweepIntervalSeconds", "0");
            builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        }
    }
}

/// <summary>Lets a test send commands as a given person without going through HTTP.</summary>
public sealed class TestIdentity : ICurrentUser
{
    private static readonly AsyncLocal<TestIdentity?> Ambient = new();

    public static TestIdentity? Current => Ambient.Value;

    public bool IsAuthenticated => UserId is not null;
    public string? UserId { get; init; }
    public string Name { get; init; } = "test";
    public string? IpAddress { get; init; } = "127.0.0.1";
    public Guid? SubscriberId { get; init; }
    public Guid? AgentId { get; init; }
    public AgentTier? Tier { get; init; }
    public IReadOnlyList<string> Roles { get; init; } = [];

    public bool IsInRole(string role) => Roles.Contains(role);

    /// <summary>Acts as <paramref name="identity"/> until the returned scope is disposed.</summary>
    public static IDisposable As(TestIdentity? identity)
    {
        var previous = Ambient.Value;
        Ambient.Value = identity;
        return new Restore(previous);
    }

    private sealed class Restore(TestIdentity? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
