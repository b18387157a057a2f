using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

public sealed class MacroApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task A_supervisor_creates_changes_and_retires_a_macro_and_an_agent_renders_it_for_a_case()
    {
        var maria = await app.SignedInAsync(Demo.Supervisor);
        var sam = await app.SignedInAsync(Demo.Agent1);
        var alice = await app.SignedInAsync(Demo.Alice);
        var name = $"Password reset {Guid.NewGuid():N}"[..24];

        var created = await maria.PostAsJsonAsync("/api/v1/macros", new { name, body = "Hi {{subscriber.first_name}}, I sent a reset link." });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/macros/{id}");

        var changed = await maria.PutAsJsonAsync($"/api/v1/macros/{id}", new
        {
            name,
            body = "Hi {{subscriber.first_name}}, I sent a reset link for case {{case.number}}. — {{agent.first_name}}",
            explanation = "A reset link proves the account is yours without sharing the password.",
        });
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);

        var opened = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Locked out", category = "Account", description = "Cannot sign in." })).JsonAsync();
        var caseId = opened.GetProperty("id").GetString();
        var rendered = await sam.PostAsync($"/api/v1/cases/{caseId}/macros/{id}/render", null);
        rendered.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await rendered.JsonAsync();
        body.GetProperty("body").GetString().ShouldBe($"Hi Alice, I sent a reset link for case {opened.GetProperty("number").GetString()}. — Sam");

        // The agent sends it with its explanation; the subscriber sees both.
        (await sam.PostAsJsonAsync($"/api/v1/cases/{caseId}/messages", new
        {
            body = body.GetProperty("body").GetString(),
            explanation = body.GetProperty("explanation").GetString(),
        })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var seen = await (await alice.GetAsync($"/api/v1/cases/{caseId}")).JsonAsync();
        seen.GetProperty("timeline").EnumerateArray()
            .ShouldContain(e => e.GetProperty("explanation").GetString() == "A reset link proves the account is yours without sharing the password.");

        (await maria.DeleteAsync($"/api/v1/macros/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var list = await (await sam.GetAsync("/api/v1/macros")).JsonAsync();
        list.EnumerateArray().ShouldNotContain(m => m.GetProperty("id").GetString() == id);
        var all = await (await maria.GetAsync("/api/v1/macros?includeInactive=true")).JsonAsync();
        all.EnumerateArray().Single(m => m.GetProperty("id").GetString() == id).GetProperty("isActive").GetBoolean().ShouldBeFalse();
        (await sam.PostAsync($"/api/v1/cases/{caseId}/macros/{id}/render", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_tier1_agent_cannot_save_a_macro()
    {
        var sam = await app.SignedInAsync(Demo.Agent1);

        var response = await sam.PostAsJsonAsync("/api/v1/macros", new { name = "My own", body = "Hello {{subscriber.first_name}}" });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.JsonAsync()).GetProperty("detail").GetString().ShouldBe("Only supervisors can do this.");
        var list = await (await sam.GetAsync("/api/v1/macros")).JsonAsync();
        list.EnumerateArray().ShouldNotContain(m => m.GetProperty("name").GetString() == "My own");
    }

    [Fact]
    public async Task Unknown_placeholders_get_400_naming_them_and_the_valid_ones()
    {
        var maria = await app.SignedInAsync(Demo.Supervisor);

        var response = await maria.PostAsJsonAsync("/api/v1/macros", new { name = "Broken", body = "Hi {{subscriber.last_name}}" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").GetProperty("body")[0].GetString().ShouldBe(
            "Unknown placeholder {{subscriber.last_name}}. Use one of: {{subscriber.first_name}}, {{agent.first_name}}, {{case.number}}, {{case.subject}}, {{subscriber.plan}}.");
    }

    [Fact]
    public async Task A_second_active_macro_with_the_same_name_is_a_conflict()
    {
        var maria = await app.SignedInAsync(Demo.Supervisor);
        var name = $"Twin {Guid.NewGuid():N}"[..14];
        (await maria.PostAsJsonAsync("/api/v1/macros", new { name, body = "One" })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var second = await maria.PostAsJsonAsync("/api/v1/macros", new { name, body = "Two" });

        second.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await second.JsonAsync()).GetProperty("code").GetString().ShouldBe("macro.duplicate_name");
    }
}
