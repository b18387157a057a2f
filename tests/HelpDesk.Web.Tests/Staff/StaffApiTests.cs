using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Staff;

/// <summary>Staff management over the API and the pages: invitations, deactivation, role and tier, the last administrator.</summary>
public sealed partial class StaffApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private HttpClient Pages() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<string> UserIdAsync(string email) => (await Demo.IdentityAsync(app.Services, email)).UserId!;

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string pagePath, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = await PageSession.TokenAsync(client, pagePath);
        return await client.PostAsync(pagePath, new FormUrlEncodedContent(fields));
    }

    private async Task<(string Email, string Password)> InviteAndAcceptAsync(HttpClient admin, string role, string? tier)
    {
        var email = $"new-{Guid.NewGuid():N}@helpdesk.test";
        var invited = await admin.PostAsJsonAsync("/api/v1/admin/staff/invitations", new { email, firstName = "Noor", lastName = "Haddad", role, tier });
        invited.StatusCode.ShouldBe(HttpStatusCode.Created);
        var link = (await invited.JsonAsync()).GetProperty("link").GetString()!;
        var path = new Uri(link).PathAndQuery;
        var visitor = Pages();
        (await visitor.GetStringAsync(path)).ShouldContain("Noor");
        const string password = "Welcome!2026";
        var accepted = await PostFormAsync(visitor, path, new() { ["Input.Password"] = password, ["Input.TimeZone"] = "Europe/Berlin" });
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.ToString().ShouldContain("/Account/Login");
        return (email, password);
    }

    [Fact]
    public async Task An_invitation_link_works_once_and_a_withdrawn_one_not_at_all()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var (email, password) = await InviteAndAcceptAsync(admin, "Agent", "Tier2");

        var agent = await app.SignedInAsync(email, password);
        var me = await (await agent.GetAsync("/api/v1/auth/me")).JsonAsync();
        me.GetProperty("tier").GetString().ShouldBe("Tier2");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Agent"]);

        // The list shows the new person as active, with a last sign-in.
        var list = await (await admin.GetAsync("/api/v1/admin/staff?pageSize=100")).JsonAsync();
        var row = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("email").GetString() == email);
        row.GetProperty("status").GetString().ShouldBe("Active");
        row.GetProperty("lastSignInAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);

        // A second invitation: withdrawn before use, its link says nothing but "not valid".
        var other = $"withdrawn-{Guid.NewGuid():N}@helpdesk.test";
        var invited = await (await admin.PostAsJsonAsync("/api/v1/admin/staff/invitations", new { email = other, firstName = "Kim", role = "Supervisor" })).JsonAsync();
        (await admin.DeleteAsync($"/api/v1/admin/staff/invitations/{invited.GetProperty("invitationId").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var page = await Pages().GetStringAsync(new Uri(invited.GetProperty("link").GetString()!).PathAndQuery);
        page.ShouldContain("data-testid=\"invitation-invalid\"");

        // A tampered token is the same "not valid".
        (await Pages().GetStringAsync("/Account/AcceptInvitation?token=forged")).ShouldContain("data-testid=\"invitation-invalid\"");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        (await db.StaffInvitations.SingleAsync(i => i.Email == email)).AcceptedAt.ShouldNotBeNull();
        (await db.OutboundEmails.CountAsync(e => e.ToAddress == other)).ShouldBe(1);
    }

    [Fact]
    public async Task A_used_invitation_link_cannot_make_a_second_account()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var email = $"once-{Guid.NewGuid():N}@helpdesk.test";
        var link = (await (await admin.PostAsJsonAsync("/api/v1/admin/staff/invitations", new { email, firstName = "Ana", role = "Agent", tier = "Tier1" })).JsonAsync())
            .GetProperty("link").GetString()!;
        var path = new Uri(link).PathAndQuery;
        var visitor = Pages();
        var form = await visitor.GetStringAsync(path);
        var token = TokenPattern().Match(form).Groups[1].Value;
        (await PostFormAsync(visitor, path, new() { ["Input.Password"] = "Welcome!2026" })).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // The same form posted again (a replay) creates nothing.
        var replay = await visitor.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = "Other!2026x", ["__RequestVerificationToken"] = token,
        }));
        (await replay.Content.ReadAsStringAsync()).ShouldContain("data-testid=\"invitation-invalid\"");
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Other!2026x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_deactivated_agent_cannot_sign_in_or_use_an_old_token_or_cookie_and_their_work_returns_to_the_queue()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var (email, password) = await InviteAndAcceptAsync(admin, "Agent", "Tier2");
        var userId = (await Demo.IdentityAsync(app.Services, email)).UserId!;
        var agentId = (await Demo.IdentityAsync(app.Services, email)).AgentId!.Value;

        // A bearer token, its refresh token and a browser cookie, all issued before the deactivation.
        var api = app.CreateClient();
        var tokens = await (await api.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).JsonAsync();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        var browser = Pages();
        await PageSession.SignInAsync(browser, email, password);
        (await browser.GetAsync("/Agent")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // An open case the agent holds.
        var alice = await app.SignedInAsync(Demo.Alice);
        var caseId = (await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Deactivation hand-back", category = "Billing", description = "Charged twice." })).JsonAsync())
            .GetProperty("id").GetString()!;
        (await api.PostAsJsonAsync($"/api/v1/cases/{caseId}/assign", new { assigneeId = agentId })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var deactivated = await admin.PostAsJsonAsync($"/api/v1/admin/staff/{userId}/deactivate", new { reason = "Left the company" });
        deactivated.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await deactivated.JsonAsync()).GetProperty("status").GetString().ShouldBe("Deactivated");

        (await api.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var cookie = await browser.GetAsync("/Agent");
        cookie.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        cookie.Headers.Location!.ToString().ShouldContain("/Account/Login");
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var again = Pages();
        await PageSession.SignInAsync(again, email, password);
        (await again.GetAsync("/Agent")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var id = Guid.Parse(caseId);
            var held = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == id);
            held.AssigneeId.ShouldBeNull();
            (await db.Interactions.AnyAsync(i => i.CaseId == id && i.Body.Contains("was deactivated; the case is back in its queue"))).ShouldBeTrue();
            (await db.AuditEvents.CountAsync(a => a.CaseId == id && a.Action == "case.returned_to_queue")).ShouldBe(1);
            (await db.AuditEvents.CountAsync(a => a.EntityId == userId && a.Action == "staff.deactivated")).ShouldBe(1);
        }

        // Someone else cannot be given work by a deactivated person's id either.
        var sam = await app.SignedInAsync(Demo.Agent2);
        (await sam.PostAsJsonAsync($"/api/v1/cases/{caseId}/assign", new { assigneeId = agentId })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Reactivated: the password works again.
        (await admin.PostAsJsonAsync($"/api/v1/admin/staff/{userId}/reactivate", new { reason = "Came back" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_last_active_administrator_cannot_be_demoted_or_deactivated_and_nobody_deactivates_themselves()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var adminId = await UserIdAsync(Demo.Admin);

        var self = await admin.PostAsJsonAsync($"/api/v1/admin/staff/{adminId}/deactivate", new { reason = "testing" });
        self.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await self.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("cannot deactivate yourself");

        var demote = await admin.PutAsJsonAsync($"/api/v1/admin/staff/{adminId}/role", new { role = "Supervisor", reason = "testing" });
        demote.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await demote.JsonAsync()).GetProperty("detail").GetString()!.ShouldContain("last active administrator");

        // With a second administrator, the first may step down; then the second is the last and cannot be deactivated.
        var (email, password) = await InviteAndAcceptAsync(admin, "Admin", null);
        var second = await app.SignedInAsync(email, password);
        (await admin.PutAsJsonAsync($"/api/v1/admin/staff/{adminId}/role", new { role = "Agent", tier = "Tier1", reason = "Back to casework" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var secondId = (await Demo.IdentityAsync(app.Services, email)).UserId!;
        var lastOne = await second.PostAsJsonAsync($"/api/v1/admin/staff/{secondId}/deactivate", new { reason = "testing" });
        lastOne.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        // Put things back for the other tests of this class.
        (await second.PutAsJsonAsync($"/api/v1/admin/staff/{adminId}/role", new { role = "Admin", reason = "Restored" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await (await app.SignedInAsync(Demo.Admin)).PostAsJsonAsync($"/api/v1/admin/staff/{secondId}/deactivate", new { reason = "Only a test" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_tier_change_needs_a_reason_is_audited_and_applies_at_once()
    {
        var admin = await app.SignedInAsync(Demo.Admin);
        var (email, password) = await InviteAndAcceptAsync(admin, "Agent", "Tier1");
        var userId = (await Demo.IdentityAsync(app.Services, email)).UserId!;
        var before = await app.SignedInAsync(email, password);

        var noReason = await admin.PutAsJsonAsync($"/api/v1/admin/staff/{userId}/role", new { role = "Agent", tier = "Tier3", reason = " " });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var badTier = await admin.PutAsJsonAsync($"/api/v1/admin/staff/{userId}/role", new { role = "Agent", tier = "Supervisor", reason = "x" });
        badTier.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var changed = await admin.PutAsJsonAsync($"/api/v1/admin/staff/{userId}/role", new { role = "Agent", tier = "Tier3", reason = "Passed the Tier 3 course" });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await changed.JsonAsync()).GetProperty("tier").GetString().ShouldBe("Tier3");

        // The old token carried Tier1: it no longer works; a new sign-in carries Tier3.
        (await before.GetAsync("/api/v1/auth/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var after = await app.SignedInAsync(email, password);
        (await (await after.GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("tier").GetString().ShouldBe("Tier3");

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var audit = await db.AuditEvents.SingleAsync(a => a.EntityId == userId && a.Action == "staff.role_changed");
        audit.Data!.ShouldContain("Passed the Tier 3 course");
        audit.Data!.ShouldContain("Tier1");
    }

    [Theory]
    [InlineData(Demo.Agent1)]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Alice)]
    public async Task Only_administrators_reach_staff_management(string email)
    {
        var api = await app.SignedInAsync(email);
        (await api.GetAsync("/api/v1/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync("/api/v1/admin/staff/invitations", new { email = "x@helpdesk.test", firstName = "X", role = "Admin" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync($"/api/v1/admin/staff/{await UserIdAsync(Demo.Admin)}/deactivate", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // Pages answer as the rest of /Admin does.
        var pages = Pages();
        await PageSession.SignInAsync(pages, email);
        foreach (var path in new[] { "/Admin/Staff", "/Admin/Staff/Invite", $"/Admin/Staff/Edit/{await UserIdAsync(Demo.Agent1)}", "/Admin/RoutingRules" })
        {
            var response = await pages.GetAsync(path);
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
        }

        (await Pages().GetAsync("/api/v1/admin/staff")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_administrator_runs_the_staff_list_on_the_pages()
    {
        var pages = Pages();
        await PageSession.SignInAsync(pages, Demo.Admin);
        var list = WebUtility.HtmlDecode(await pages.GetStringAsync("/Admin/Staff"));
        list.ShouldContain("data-staff=\"agent1@helpdesk.test\"");
        list.ShouldContain("Agent, Tier 1");

        var email = $"page-{Guid.NewGuid():N}@helpdesk.test";
        var invited = await PostFormAsync(pages, "/Admin/Staff/Invite", new()
        {
            ["Input.Email"] = email, ["Input.FirstName"] = "Lea", ["Input.LastName"] = "Roux", ["Input.Position"] = "Supervisor",
        });
        invited.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await pages.GetStringAsync("/Admin/Staff");
        after.ShouldContain($"data-staff=\"{email}\" data-status=\"Invited\"");

        // No reason: the form says so beside the field and nothing changes.
        var agent1 = await UserIdAsync(Demo.Agent3);
        var missing = await PostFormAsync(pages, $"/Admin/Staff/Edit/{agent1}?handler=Deactivate", new() { ["Deactivation.Reason"] = "" });
        missing.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await missing.Content.ReadAsStringAsync()).ShouldContain("Say why this person is deactivated");

        // Unknown id: 404.
        (await pages.GetAsync("/Admin/Staff/Edit/no-such-user")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The agent profile page now leads here instead of "Tier changes are made elsewhere".
        var profiles = await pages.GetStringAsync("/Admin/Agents");
        profiles.ShouldNotContain("Tier changes are made elsewhere");
        profiles.ShouldContain("href=\"/Admin/Staff\"");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
