using System.Net;
using System.Net.Http.Json;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Pages;

/// <summary>
/// Issue 15, item 7: deleting a routing rule or an SLA policy, or retiring a macro, asks first. Without JavaScript the
/// first post shows the question (what happens, a red button, a way back) and changes nothing; only the second post,
/// with <c>confirmed=true</c>, acts.
/// </summary>
public sealed class DestructiveActionPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> PagesAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, string id, bool confirmed)
    {
        var token = await PageSession.TokenAsync(client, page);
        var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token };
        if (confirmed)
        {
            form["confirmed"] = "true";
        }

        return await client.PostAsync($"{page}?handler={handler}&id={id}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Deleting_a_routing_rule_asks_first_and_only_the_confirmed_post_deletes_it()
    {
        var api = await app.SignedInAsync(Demo.Admin);
        var created = await api.PostAsJsonAsync("/api/v1/admin/routing-rules/", new { name = "Confirm me", channel = "Email", targetQueue = "Tier2" });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var admin = await PagesAsync(Demo.Admin);

        var list = WebUtility.HtmlDecode(await admin.GetStringAsync("/Admin/RoutingRules"));
        list.ShouldContain("data-confirm=\"Delete the routing rule “Confirm me”?\"");
        list.ShouldContain("class=\"danger\"");

        var asked = await PostAsync(admin, "/Admin/RoutingRules", "Delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture), confirmed: false);
        asked.StatusCode.ShouldBe(HttpStatusCode.OK);
        var question = WebUtility.HtmlDecode(await asked.Content.ReadAsStringAsync());
        question.ShouldContain("role=\"alertdialog\"");
        question.ShouldContain("Delete the routing rule “Confirm me”?");
        question.ShouldContain("Cases it already placed stay where they are");
        question.ShouldContain("name=\"confirmed\" value=\"true\"");
        (await RuleExistsAsync(id)).ShouldBeTrue("asking deletes nothing");

        var done = await PostAsync(admin, "/Admin/RoutingRules", "Delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture), confirmed: true);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await RuleExistsAsync(id)).ShouldBeFalse();

        // A second confirmed post (a double click, a replay) finds nothing: 404, never a 500.
        (await PostAsync(admin, "/Admin/RoutingRules", "Delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture), confirmed: true)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Deleting_an_sla_policy_and_retiring_a_macro_ask_first()
    {
        var api = await app.SignedInAsync(Demo.Admin);
        var policy = await api.PostAsJsonAsync("/api/v1/admin/sla-policies/", new { priority = "Low", channel = "Chat" });
        policy.IsSuccessStatusCode.ShouldBeTrue(await policy.Content.ReadAsStringAsync());
        var policyId = (await policy.JsonAsync()).GetProperty("id").GetGuid();
        var admin = await PagesAsync(Demo.Admin);
        var asked = WebUtility.HtmlDecode(await (await PostAsync(admin, "/Admin/Sla", "Delete", policyId.ToString(), confirmed: false)).Content.ReadAsStringAsync());
        asked.ShouldContain("Delete the SLA policy");
        (await WithDbAsync(db => db.SlaPolicies.AnyAsync(p => p.Id == policyId))).ShouldBeTrue();
        (await PostAsync(admin, "/Admin/Sla", "Delete", policyId.ToString(), confirmed: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(db => db.SlaPolicies.AnyAsync(p => p.Id == policyId))).ShouldBeFalse();

        var supervisorApi = await app.SignedInAsync(Demo.Supervisor);
        var macro = await supervisorApi.PostAsJsonAsync("/api/v1/macros/", new { name = "Retire me", body = "Hello" });
        macro.IsSuccessStatusCode.ShouldBeTrue(await macro.Content.ReadAsStringAsync());
        var macroId = (await macro.JsonAsync()).GetProperty("id").GetGuid();
        var supervisor = await PagesAsync(Demo.Supervisor);
        var retire = WebUtility.HtmlDecode(await (await PostAsync(supervisor, "/Agent/Macros", "Deactivate", macroId.ToString(), confirmed: false)).Content.ReadAsStringAsync());
        retire.ShouldContain("Retire the macro “Retire me”?");
        (await WithDbAsync(db => db.Macros.Where(m => m.Id == macroId).Select(m => m.IsActive).SingleAsync())).ShouldBeTrue();
        (await PostAsync(supervisor, "/Agent/Macros", "Deactivate", macroId.ToString(), confirmed: true)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await WithDbAsync(db => db.Macros.Where(m => m.Id == macroId).Select(m => m.IsActive).SingleAsync())).ShouldBeFalse();
    }

    private Task<bool> RuleExistsAsync(int id) => WithDbAsync(db => db.RoutingRules.AnyAsync(r => r.Id == id));

    private async Task<T> WithDbAsync<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }
}
