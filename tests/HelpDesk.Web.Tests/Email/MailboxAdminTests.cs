using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Testing.Mail;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Email;

/// <summary>Issue 5: administrators configure mailboxes (pages and API); passwords are stored protected and never shown back.</summary>
public sealed class MailboxAdminTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Without_mailboxes_the_admin_page_says_email_is_not_configured_and_agents_cannot_open_it()
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(admin, Demo.Admin);
        var html = await admin.GetStringAsync("/Admin/Mailboxes");
        html.ShouldContain("Email is not configured.");

        var agent = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(agent, Demo.Agent1);
        (await agent.GetAsync("/Admin/Mailboxes")).StatusCode.ShouldNotBe(HttpStatusCode.OK);
        var agentApi = await app.SignedInAsync(Demo.Agent1);
        (await agentApi.GetAsync("/api/v1/admin/mailboxes")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_admin_adds_a_mailbox_through_the_form_tests_the_connection_and_the_password_is_never_shown_back()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(admin, Demo.Admin);
        var token = await PageSession.TokenAsync(admin, "/Admin/Mailboxes/Edit");
        var saved = await admin.PostAsync("/Admin/Mailboxes/Edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = "Support (form)",
            ["Input.Address"] = "form-support@helpdesk.test",
            ["Input.DefaultQueueKey"] = "Email-Tier1",
            ["Input.Enabled"] = "false",
            ["Input.ImapHost"] = dovecot.Host,
            ["Input.ImapPort"] = dovecot.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.ImapSecurity"] = "2",
            ["Input.ImapUser"] = DovecotServer.User,
            ["Input.ImapPassword"] = DovecotServer.Password,
            ["Input.InboxFolder"] = "INBOX",
            ["Input.ProcessedFolder"] = "Processed",
            ["Input.SmtpHost"] = "",
            ["Input.SmtpPort"] = "587",
            ["Input.SmtpSecurity"] = "1",
            ["Input.SmtpUser"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());

        Guid id;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var mailbox = await db.Mailboxes.AsNoTracking().SingleAsync(m => m.Address == "form-support@helpdesk.test");
            mailbox.ImapPasswordProtected.ShouldNotBeNull().ShouldNotContain(DovecotServer.Password);
            id = mailbox.Id;
        }

        var list = await admin.GetStringAsync("/Admin/Mailboxes");
        list.ShouldContain("form-support@helpdesk.test");
        var edit = await admin.GetStringAsync($"/Admin/Mailboxes/Edit/{id}");
        edit.ShouldNotContain(DovecotServer.Password);
        edit.ShouldContain("A password is stored.");

        var testToken = await PageSession.TokenAsync(admin, "/Admin/Mailboxes");
        var tested = await admin.PostAsync($"/Admin/Mailboxes?handler=Test&id={id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = testToken }));
        (await tested.Content.ReadAsStringAsync()).ShouldContain("Connection works");

        // API: the list never carries a password, and a wrong password fails the test with the server's answer.
        var api = await app.SignedInAsync(Demo.Admin);
        var json = await api.GetStringAsync("/api/v1/admin/mailboxes");
        json.ShouldNotContain(DovecotServer.Password);
        json.ShouldContain("\"hasImapPassword\":true");
        var put = await api.PutAsJsonAsync($"/api/v1/admin/mailboxes/{id}", new
        {
            name = "Support (form)", address = "form-support@helpdesk.test", enabled = false, imapHost = dovecot.Host, imapPort = dovecot.Port,
            imapSecurity = "None", imapUser = DovecotServer.User, imapPassword = "wrong-password", defaultQueueKey = "Email-Tier1",
        }, ApiClient.Json);
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        var failed = await (await api.PostAsync($"/api/v1/admin/mailboxes/{id}/test", null)).JsonAsync();
        failed.GetProperty("ok").GetBoolean().ShouldBeFalse();
    }
}
