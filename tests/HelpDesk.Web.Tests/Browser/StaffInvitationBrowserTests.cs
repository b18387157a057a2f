using System.Text.RegularExpressions;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Playwright;

namespace HelpDesk.Web.Tests.Browser;

/// <summary>The browser app with its mail going to a real SMTP server the test hosts.</summary>
public sealed class StaffBrowserApp : BrowserApp
{
    public TestSmtpServer Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:Smtp:Host", Smtp.Host);
        builder.UseSetting("HelpDesk:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("HelpDesk:Email:Smtp:Security", "None");
        builder.UseSetting("HelpDesk:Email:Smtp:FromAddress", "support@helpdesk.test");
        builder.UseSetting("HelpDesk:Email:PublicBaseUrl", "https://help.example.test");
        builder.UseSetting("HelpDesk:Email:SendIntervalSeconds", "0");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Issue 19: an administrator invites a new agent; the invitation arrives by email; the agent sets a password and signs in.</summary>
public sealed partial class StaffInvitationBrowserTests(StaffBrowserApp app) : IClassFixture<StaffBrowserApp>
{
    [Fact]
    public async Task An_invited_agent_receives_the_mail_sets_a_password_and_signs_in()
    {
        var email = $"noor.{Guid.NewGuid():N}@helpdesk.test";
        var admin = await app.NewPageAsync("Europe/Paris");
        await BrowserPages.SignInAsync(admin, Demo.Admin);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Invite a member of staff" }).ClickAsync();
        await admin.GetByLabel("Email").FillAsync(email);
        await admin.GetByLabel("First name").FillAsync("Noor");
        await admin.GetByLabel("Last name").FillAsync("Haddad");
        await admin.GetByLabel("Role and tier").SelectOptionAsync(new SelectOptionValue { Label = "Agent, Tier 2" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await admin.GetByText($"Invitation sent to {email}.").WaitForAsync();
        (await admin.Locator($"tr[data-staff='{email}']").GetAttributeAsync("data-status")).ShouldBe("Invited");

        // Through the outbox to the SMTP server, as every account mail goes.
        await app.Services.SendDueEmailsAsync();
        var mail = (await app.Smtp.WaitForMessagesAsync(1)).Single(m => m.RcptTo.Contains(email));
        mail.Message.Subject.ShouldBe("You are invited to join HelpDesk support");
        var link = LinkPattern().Match(mail.Text);
        link.Success.ShouldBeTrue(mail.Text);
        var path = new Uri(link.Value).PathAndQuery;

        var invitee = await app.NewPageAsync("Asia/Dubai");
        await invitee.GotoAsync(path);
        await invitee.GetByText("Hello Noor").WaitForAsync();
        await invitee.GetByLabel("Password").FillAsync("Stream!ng2026");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Activate my account" }).ClickAsync();
        await invitee.WaitForURLAsync(url => url.Contains("/Account/Login", StringComparison.Ordinal));
        await invitee.GetByText("Your account is active.").WaitForAsync();

        await invitee.GetByLabel("Email").FillAsync(email);
        await invitee.GetByLabel("Password").FillAsync("Stream!ng2026");
        await invitee.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await invitee.WaitForURLAsync(url => url.Contains("/Agent", StringComparison.Ordinal));

        // The link was single-use.
        var again = await app.NewPageAsync();
        await again.GotoAsync(path);
        await again.Locator("[data-testid='invitation-invalid']").WaitForAsync();

        await admin.ReloadAsync();
        (await admin.Locator($"tr[data-staff='{email}']").GetAttributeAsync("data-status")).ShouldBe("Active");
        (await admin.Locator($"tr[data-staff='{email}']").InnerTextAsync()).ShouldContain("Agent, Tier 2");
    }

    [GeneratedRegex(@"https?://\S+/Account/AcceptInvitation\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex LinkPattern();
}
