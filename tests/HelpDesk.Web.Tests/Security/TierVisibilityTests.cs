using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Credits;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Issue 14: a case above the caller's tier does not exist for them (pages and API answer as for a random id), and
/// nothing hanging off it (credits and their notes) shows up anywhere else.
/// </summary>
public sealed class TierVisibilityTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private const string SecretNote = "Tier 3 only: attacker used a SIM swap";

    private async Task<HttpClient> BrowserAsync(string email)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(browser, email);
        return browser;
    }

    [Fact]
    public async Task The_agent_pages_of_a_case_above_the_agents_tier_answer_404_like_a_random_id()
    {
        var (tier1, tier3, _) = await CreditTestData.IdsAsync(app);
        var bob = await app.SignedInAsync(Demo.Bob);
        var chat = await (await bob.PostAsJsonAsync("/api/v1/chats", new { firstMessage = "Hello" })).JsonAsync();
        var chatId = chat.GetProperty("chat").GetProperty("id").GetGuid();
        var chatCase = chat.GetProperty("chat").GetProperty("caseId").GetGuid();
        var priya = await app.SignedInAsync(Demo.Agent2);
        (await priya.PostAsJsonAsync($"/api/v1/cases/{chatCase}/category", new { category = "AccountTakeover" })).EnsureSuccessStatusCode();
        var sam = await BrowserAsync(Demo.Agent1);
        var diego = await BrowserAsync(Demo.Agent3);

        string[] pages = ["/Agent/Cases/Details/{0}", "/Agent/Cases/Escalate/{0}", "/Agent/Cases/Credit/{0}"];
        foreach (var page in pages)
        {
            var hidden = await sam.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, tier3));
            var random = await sam.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, Guid.NewGuid()));
            hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
            random.StatusCode.ShouldBe(HttpStatusCode.NotFound, page);
            (await hidden.Content.ReadAsStringAsync()).ShouldNotContain(CreditTestData.Tier3CaseSubject);
            (await diego.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, tier3))).StatusCode.ShouldBe(HttpStatusCode.OK, page);
        }

        (await sam.GetAsync($"/Agent/Chats/Chat/{chatId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await sam.GetAsync($"/Agent/Chats/Chat/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await diego.GetAsync($"/Agent/Chats/Chat/{chatId}")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // A form post to the case page of a hidden case: the same 404 (never a 403 that confirms it exists).
        var token = await PageSession.TokenAsync(sam, $"/Agent/Cases/Details/{tier1}");
        var post = await sam.PostAsync($"/Agent/Cases/Details/{tier3}?handler=Resolve",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        post.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Credits_on_a_case_above_the_tier_are_missing_from_the_ledger_and_the_context_panel_and_subscribers_never_read_the_staff_ledger()
    {
        var (_, tier3, alice) = await CreditTestData.IdsAsync(app);
        var bobId = await CreditTestData.WithDbAsync(app, db => db.Cases.Where(c => c.Id == tier3).Select(c => c.SubscriberId).SingleAsync());
        var bobsTier1 = await CreditTestData.WithDbAsync(app, db =>
            db.Cases.Where(c => c.SubscriberId == bobId && c.Tier == Domain.Agents.AgentTier.Tier1).Select(c => c.Id).FirstAsync());
        var diegoApi = await app.SignedInAsync(Demo.Agent3);
        using (var issue = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{tier3}/credits")
        {
            Content = JsonContent.Create(new { amount = 2.5m, currency = "EUR", reasonCode = "goodwill", note = SecretNote }),
        })
        {
            issue.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            (await diegoApi.SendAsync(issue)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        // The staff ledger: Tier 3 sees the credit, Tier 1 and Tier 2 do not.
        (await (await diegoApi.GetAsync($"/api/v1/subscribers/{bobId}/credits")).Content.ReadAsStringAsync()).ShouldContain(SecretNote);
        foreach (var lower in new[] { Demo.Agent1, Demo.Agent2 })
        {
            var ledger = await (await app.SignedInAsync(lower)).GetAsync($"/api/v1/subscribers/{bobId}/credits");
            ledger.StatusCode.ShouldBe(HttpStatusCode.OK);
            var body = await ledger.Content.ReadAsStringAsync();
            body.ShouldNotContain(SecretNote, customMessage: lower);
            body.ShouldNotContain(tier3.ToString(), customMessage: lower);
        }

        // The context panel of a lower case (case page): no credit, no note, no Tier 3 case.
        var sam = await BrowserAsync(Demo.Agent1);
        var page = await (await sam.GetAsync($"/Agent/Cases/Details/{bobsTier1}")).Content.ReadAsStringAsync();
        page.ShouldNotContain(SecretNote);
        page.ShouldNotContain(tier3.ToString());
        var diego = await BrowserAsync(Demo.Agent3);
        (await (await diego.GetAsync($"/Agent/Cases/Details/{bobsTier1}")).Content.ReadAsStringAsync()).ShouldContain(SecretNote);

        // Subscribers, even for their own id, are refused the staff ledger; their own view has no notes.
        var bob = await app.SignedInAsync(Demo.Bob);
        var own = await bob.GetAsync($"/api/v1/subscribers/{bobId}/credits");
        own.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        (await own.Content.ReadAsStringAsync()).ShouldNotContain(SecretNote);
        (await (await bob.GetAsync("/api/v1/me/credits")).Content.ReadAsStringAsync()).ShouldNotContain(SecretNote);
        (await (await bob.GetAsync($"/api/v1/cases/{tier3}/credits")).Content.ReadAsStringAsync()).ShouldNotContain(SecretNote);
        (await (await app.SignedInAsync(Demo.Alice)).GetAsync($"/api/v1/subscribers/{alice}/credits")).StatusCode
            .ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }
}
