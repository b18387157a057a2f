using HelpDesk.Infrastructure.Seeding;
using HelpDesk.Web.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((context, services, logger) => logger
    .ReadFrom.Configuration(context.Configuration)
    .ReadFrom.Services(services)
    .Enrich.FromLogContext()
    .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"),
    // Each host logs through its own logger, not the process-wide static one (several hosts run side by side in tests).
    preserveStaticLogger: true);
// Serilog's factory builds a new logger per CreateLogger call; ASP.NET Core asks per connection and request (ADR 0136).
CachedLoggerFactory.Wrap(builder.Services);
builder.AddHelpDeskWeb();

var app = builder.Build();
app.UseHelpDeskWeb();

if (!await DatabaseStartup.PrepareAsync(app))
{
    return 1;
}

PublicBaseUrl.DefaultToListeningAddress(app);
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = string.Join(", ", app.Urls);
    var logins = string.Join(Environment.NewLine, DemoDataSeeder.DemoAccounts.Select(a => $"    {a.Email,-26} {a.Description}"));
    var settings = app.Services.GetRequiredService<DatabaseSettings>();
    var twoFactor = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HelpDesk.Infrastructure.Identity.TwoFactorOptions>>().Value;
    var secondFactorRoles = string.Join(", ", twoFactor.RequiredFor.Where(r => r.Value).Select(r => r.Key));
    Console.WriteLine($"""

        HelpDesk is running at {addresses}
        {(settings.SeedDemoData ? $"Demo logins (password {DemoDataSeeder.DemoPassword}):{Environment.NewLine}{logins}" : "No demo data seeded (set HelpDesk:SeedDemoData=true to add it).")}
        {(secondFactorRoles.Length > 0 ? $"Two-factor sign-in is required for: {secondFactorRoles} (set up at first sign-in; HelpDesk:TwoFactor, README)." : "Two-factor sign-in is optional for every role.")}
        API: {addresses.Split(", ")[0]}/scalar/v1   Press Ctrl+C to stop.

        """);
});

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in tests.</summary>
public partial class Program;
