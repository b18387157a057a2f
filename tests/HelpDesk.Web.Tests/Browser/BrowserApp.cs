using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The real app on a Kestrel port, driven by Debian's Chromium through Playwright.</summary>
public class BrowserApp : HelpDeskAppFactory
{
    private IPlaywright? _playwright;

    protected override bool UseRealServer => true;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task StartBrowserAsync()
    {
        if (_playwright is not null)
        {
            return;
        }

        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        var chromium = Environment.GetEnvironmentVariable("HELPDESK_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"Browser tests need Chromium at {chromium} (apt-get install chromium, or set HELPDESK_CHROMIUM).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task<IPage> NewPageAsync(string timeZone = "America/New_York")
    {
        await StartBrowserAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, TimezoneId = timeZone });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.CloseAsync();
            _playwright.Dispose();
        }

        await base.DisposeAsync();
    }
}

/// <summary>Steps many browser tests share.</summary>
internal static class BrowserPages
{
    /// <summary>Signs in through the real sign-in form and waits until the app has left it.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Demo.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // The landing page's load event waits for its scripts and styles; with every test class starting its own app at once
        // (CI's first minute), that alone has taken longer than the 15 s default. Leaving the sign-in page is what is checked.
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal), new() { Timeout = 45_000 });
    }
}
