using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The browser app with a real SMTP server the app's own sender (every second) delivers to.</summary>
public sealed class MailBrowserApp : BrowserApp
{
    public TestSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:Smtp:Host", Smtp.Host);
        builder.UseSetting("HelpDesk:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Email:Smtp:Security", "None");
        builder.UseSetting("HelpDesk:Email:Smtp:FromAddress", "support@helpdesk.test");
        builder.UseSetting("HelpDesk:Email:SendIntervalSeconds", "1");
    }

    /// <summary>The newest mail to <paramref name="address"/> with <paramref name="subject"/>, waiting for the sender to deliver it.</summary>
    public async Task<ReceivedMail> MailAsync(string address, string subject, int nth = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var found = Smtp.Messages.Where(m => m.RcptTo.Contains(address, StringComparer.OrdinalIgnoreCase) && m.Message.Subject == subject).ToList();
            if (found.Count >= nth)
            {
                return found[nth - 1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail \"{subject}\" (#{nth}) to {address}; the server has {Smtp.Messages.Count} messages.");
            }

            await Task.Delay(200);
        }
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Issue 19: registration with confirmation by a mailed link, the welcome, and password reset — in Chromium, mail over SMTP.</summary>
public sealed class AccountBrowserTests(MailBrowserApp app) : IClassFixture<MailBrowserApp>
{
    private const string Password = "Str0ng!pass";

    /// <summary>The link's path and query, opened on the app under test (the mail's host is the app's own address).</summary>
    private static string PathOf(string text, string path) =>
        new Uri(AccountLinks.FindLink(text, path)?.Url ?? throw new InvalidOperationException($"No {path} link in: {text}")).PathAndQuery;

    [Fact]
    public async Task Someone_who_wrote_before_registers_confirms_by_the_mailed_link_finds_their_case_and_is_told_how_to_reach_us()
    {
        var email = $"wrote.first.{Guid.NewGuid():N}@example.com";
        var earlier = await app.Services.IngestAsync(MailBuilder.Text($"Rhea Writer <{email}>", "Subtitles are out of sync", "On every film."));
        var page = await app.NewPageAsync("America/New_York");

        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("First name").FillAsync("Rhea");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check your email to continue.");

        // Not yet: the right password is told to confirm first, and offered a new link.
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Confirm your email address first");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Resend confirmation" })).ToBeVisibleAsync();

        var confirmation = await app.MailAsync(email, "Confirm your email address for HelpDesk");
        await page.GotoAsync(PathOf(confirmation.Text, "/Account/ConfirmEmail"));
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm and sign in" }).ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/Portal/Welcome", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "How to reach support" })).ToBeVisibleAsync();
        var callback = page.Locator("section.channel[data-channel=Callback]");
        // Callbacks are staffed Monday–Friday 09:00–18:00 UTC by default: 04:00–13:00 in New York in winter.
        await Assertions.Expect(callback).ToContainTextAsync("Monday, Tuesday, Wednesday, Thursday, Friday: 04:00–13:00");
        await Assertions.Expect(page.Locator(".how-to-reach-us")).ToContainTextAsync("America/New_York");
        await Assertions.Expect(page.Locator(".how-to-reach-us")).ToContainTextAsync("support@helpdesk.local");

        await page.GetByRole(AriaRole.Link, new() { Name = "My cases" }).First.ClickAsync();
        await Assertions.Expect(page.GetByText("Subtitles are out of sync")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Row, new() { Name = "Subtitles are out of sync" }).GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByText("confirmed this email address with a HelpDesk account")).ToBeVisibleAsync();
        earlier.CaseId.ShouldNotBeNull();

        var welcome = await app.MailAsync(email, "Welcome to HelpDesk support");
        welcome.Text.ShouldContain("04:00–13:00");
        welcome.Text.ShouldContain("America/New_York");

        // The same text for anyone, on "Contact us" from the footer.
        var stranger = await app.NewPageAsync("Asia/Tokyo");
        await stranger.GotoAsync("/");
        await stranger.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Contact us" }).ClickAsync();
        await Assertions.Expect(stranger.Locator("section.channel[data-channel=Callback]")).ToContainTextAsync("18:00–03:00 (next day)");
    }

    [Fact]
    public async Task A_subscriber_who_forgot_the_password_sets_a_new_one_by_the_mailed_link_which_then_stops_working()
    {
        var email = $"forgetful.{Guid.NewGuid():N}@example.com";
        await AccountLinks.RegisterConfirmedAsync(app.Services, new HelpDesk.Application.Accounts.RegisterSubscriber.Command(email, Password, "Fay", "Forget"));
        var page = await app.NewPageAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot password?" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Email me a link" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("If an account uses this address");

        var mail = await app.MailAsync(email, "Reset your HelpDesk password");
        mail.Text.ShouldContain("works once, for 1 hour");
        var link = PathOf(mail.Text, "/Account/ResetPassword");
        await page.GotoAsync(link);
        await page.GetByLabel("New password").FillAsync("N3w!password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is changed");

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("N3w!password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Account/Login", StringComparison.Ordinal));

        // The link again: refused with a way to ask for a new one.
        await page.GotoAsync(link);
        await page.GetByLabel("New password").FillAsync("Th1rd!password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already used, it has expired, or it was changed");
        (await app.MailAsync(email, "Your HelpDesk password was changed")).Text.ShouldContain("/Account/ForgotPassword");
    }

    [Fact]
    public async Task The_assistants_sign_in_answer_links_to_the_forgot_password_page()
    {
        var page = await app.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Chat with us" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Sid Signin");
        await page.GetByLabel("Your email").FillAsync($"sid.{Guid.NewGuid():N}@example.net");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start chat" }).ClickAsync();
        await page.Locator("#chat-log li[data-author=Assistant]").First.WaitForAsync();

        await page.GetByLabel("Your message").FillAsync("I forgot my password");
        await page.GetByLabel("Your message").PressAsync("Enter");
        var answer = page.Locator("#chat-log li[data-author=Assistant]").Nth(1);
        var link = answer.Locator(".chat-steps").GetByRole(AriaRole.Link, new() { Name = "/Account/ForgotPassword" });
        await Assertions.Expect(link).ToHaveAttributeAsync("href", "/Account/ForgotPassword");
        await link.ClickAsync();
        // The navigation itself (Commit), then the page's heading: waiting for the new page's load event timed out once
        // in CI with the chat's connection closing on a busy machine (2026-12-08), although the page was there.
        await page.WaitForURLAsync(url => url.EndsWith("/Account/ForgotPassword", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Forgot password?" })).ToBeVisibleAsync();
    }
}
