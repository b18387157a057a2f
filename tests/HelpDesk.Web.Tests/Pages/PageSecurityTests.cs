using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Pages;

public sealed class PageSecurityTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<int> CaseCountAsync(string email)
    {
        var api = await app.SignedInAsync(email);
        return (await (await api.GetAsync("/api/v1/cases?pageSize=100")).JsonAsync()).GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused_with_an_explanation_and_saves_nothing()
    {
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Alice);
        var before = await CaseCountAsync(Demo.Alice);

        var response = await client.PostAsync("/Portal/Cases/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Subject"] = "Forged",
            ["Input.Category"] = "Billing",
            ["Input.Description"] = "From another site",
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("security token was missing or had expired");
        (await CaseCountAsync(Demo.Alice)).ShouldBe(before);
    }

    [Fact]
    public async Task Opening_a_case_with_bad_fields_shows_each_message_next_to_its_field()
    {
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Alice);
        var token = await PageSession.TokenAsync(client, "/Portal/Cases/New");

        var response = await client.PostAsync("/Portal/Cases/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Subject"] = "",
            ["Input.Category"] = "Refunds",
            ["Input.Description"] = new string('x', 25_000),
            ["Input.RequestId"] = Guid.NewGuid().ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("Enter a subject that says what the case is about.");
        html.ShouldContain("&#x27;Refunds&#x27; is not a category");
        html.ShouldContain("The description must be 20,000 characters or fewer");
    }

    [Fact]
    public async Task A_ten_megabyte_description_from_the_page_is_refused_with_a_clear_message_and_saves_nothing()
    {
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Alice);
        var before = await CaseCountAsync(Demo.Alice);
        var token = await PageSession.TokenAsync(client, "/Portal/Cases/New");

        var response = await client.PostAsync("/Portal/Cases/New", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Subject"] = "Huge",
            ["Input.Category"] = "Billing",
            ["Input.Description"] = new string('x', 10 * 1024 * 1024),
            ["Input.RequestId"] = Guid.NewGuid().ToString(),
            ["__RequestVerificationToken"] = token,
        }));

        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("The description must be 20,000 characters or fewer");
        (await CaseCountAsync(Demo.Alice)).ShouldBe(before);
    }

    [Fact]
    public async Task Another_subscribers_case_page_is_404()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Mine", category = "Billing", description = "x" })).JsonAsync();
        var id = created.GetProperty("id").GetString();

        var owner = Browser();
        await PageSession.SignInAsync(owner, Demo.Alice);
        var own = await owner.GetAsync($"/Portal/Cases/Details/{id}");
        own.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await own.Content.ReadAsStringAsync()).ShouldContain("Mine");

        var bob = Browser();
        await PageSession.SignInAsync(bob, Demo.Bob);
        var response = await bob.GetAsync($"/Portal/Cases/Details/{id}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Mine");
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in_and_subscribers_are_kept_out_of_the_agent_console()
    {
        var anonymous = Browser();
        var portal = await anonymous.GetAsync("/Portal/Cases");
        portal.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        portal.Headers.Location!.ToString().ShouldContain("/Account/Login");

        var alice = Browser();
        await PageSession.SignInAsync(alice, Demo.Alice);
        var console = await alice.GetAsync("/Agent");
        console.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        console.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");

        var agent = Browser();
        await PageSession.SignInAsync(agent, Demo.Agent1);
        (await agent.GetAsync("/Portal/Cases")).Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }

    [Fact]
    public async Task A_tier1_agent_gets_404_for_a_tier3_case_page_that_a_tier3_agent_can_open()
    {
        var bob = await app.SignedInAsync(Demo.Bob);
        var created = await (await bob.PostAsJsonAsync("/api/v1/cases", new { subject = "Hijacked", category = "AccountTakeover", description = "x" })).JsonAsync();
        var path = $"/Agent/Cases/Details/{created.GetProperty("id").GetString()}";

        var tier1 = Browser();
        await PageSession.SignInAsync(tier1, Demo.Agent1);
        // Not even "access denied": the case does not exist for Tier 1 (the same 404 as a random id).
        var refused = await tier1.GetAsync(path);
        refused.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("Hijacked");

        var tier3 = Browser();
        await PageSession.SignInAsync(tier3, Demo.Agent3);
        var allowed = await tier3.GetAsync(path);
        allowed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await allowed.Content.ReadAsStringAsync()).ShouldContain("Hijacked");
    }

    [Fact]
    public async Task A_wrong_password_on_the_sign_in_page_says_so()
    {
        var client = Browser();
        var token = await PageSession.TokenAsync(client, "/Account/Login");

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = Demo.Bob,
            ["Input.Password"] = "not-it",
            ["__RequestVerificationToken"] = token,
        }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("The email or password is incorrect.");
    }
}
