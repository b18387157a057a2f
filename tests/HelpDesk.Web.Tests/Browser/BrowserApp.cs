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
    /// <summary>
    /// Signs in through the real sign-in form and waits until the app has left it. The form's POST is awaited itself
    /// (with a minute's patience: in CI's first minute every test class starts its own app at once), and when it does not
    /// answer with a redirect the failure says what the app answered: its status and the page's error text.
    /// </summary>
    /// <param name="keyboard">Type and submit with the keyboard alone (focus, type, Tab, type, Enter), as a keyboard user would.</param>
    public static async Task SignInAsync(IPage page, string email, bool keyboard = false)
    {
        const int patience = 60_000;
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync("/Account/Login", new() { Timeout = patience });
            Func<Task> submit;
            if (keyboard)
            {
                await page.GetByLabel("Email").FocusAsync();
                await page.Keyboard.TypeAsync(email);
                await page.Keyboard.PressAsync("Tab");
                await page.Keyboard.TypeAsync(Demo.Password);
                submit = () => page.Keyboard.PressAsync("Enter");
            }
            else
            {
                await page.GetByLabel("Email").FillAsync(email);
                await page.GetByLabel("Password").FillAsync(Demo.Password);
                submit = () => page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            }

            var answer = await page.RunAndWaitForResponseAsync(
                submit,
                response => response.Request.Method == "POST" && response.Url.Contains("/Account/Login", StringComparison.Ordinal),
                new() { Timeout = patience });
            if (answer.Status is 302 or 303)
            {
                // Leaving the sign-in page is what is checked, not the landing page's load event (its scripts and styles).
                // The path itself: "/Account/LoginWith2fa" contains "/Account/Login".
                var location = await answer.HeaderValueAsync("location") ?? "(none)";
                try
                {
                    await page.WaitForURLAsync(url => !IsSignInPage(url), new() { Timeout = patience, WaitUntil = WaitUntilState.Commit });
                    return;
                }
                catch (TimeoutException) when (attempt == 1)
                {
                    // Signed in, redirected, and yet back on the sign-in page (the new cookie refused): said, and tried once more.
                    Console.WriteLine($"Signing in as {email}: redirected to {location} but the browser is at {page.Url}; trying once more.");
                    continue;
                }
                catch (TimeoutException error)
                {
                    var page2 = (await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 })).Trim();
                    throw new InvalidOperationException(
                        $"Signing in as {email} was answered with a redirect to {location}, but the browser stayed at {page.Url}: \"{page2[..Math.Min(page2.Length, 400)]}\"", error);
                }
            }

            var said = (await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 })).Trim();
            var failure = $"Signing in as {email} answered {answer.Status} on attempt {attempt}, at {page.Url}: \"{said[..Math.Min(said.Length, 400)]}\"";
            // A refusal (wrong password, lockout, unconfirmed address) is the app's answer and fails at once; a transient
            // answer from an overloaded start (429, 5xx, a stale antiforgery token) is tried once more.
            if (attempt == 2 || answer.Status == 200)
            {
                throw new InvalidOperationException(failure);
            }
        }
    }

    private static bool IsSignInPage(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.AbsolutePath.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase);
}
