using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Chat;

/// <summary>Issue 7: administrators see the virtual assistant's intents and try phrases (page and API); nobody else may.</summary>
public sealed class ChatAssistantAdminTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task An_admin_sees_the_intents_and_tries_a_phrase_on_the_page()
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(admin, Demo.Admin);

        var html = await admin.GetStringAsync("/Admin/ChatAssistant");
        html.ShouldContain("data-intent=\"sign-in\"");
        html.ShouldContain("data-intent=\"account-hacked\"");
        html.ShouldContain("data-intent=\"child-safety\"");
        html.ShouldContain("Virtual assistant");
        (await admin.GetStringAsync("/Admin")).ShouldContain("/Admin/ChatAssistant");

        var token = await PageSession.TokenAsync(admin, "/Admin/ChatAssistant");
        var tried = await admin.PostAsync("/Admin/ChatAssistant?handler=Try", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Phrase"] = "my account was hacked <img src=x onerror=alert(1)>",
            ["__RequestVerificationToken"] = token,
        }));
        tried.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await tried.Content.ReadAsStringAsync();
        result.ShouldContain("data-testid=\"matched-intent\">account-hacked<");
        result.ShouldContain("data-testid=\"hand-off\">Yes<");
        result.ShouldNotContain("<img src=x onerror");

        var empty = await admin.PostAsync("/Admin/ChatAssistant?handler=Try", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Phrase"] = "",
            ["__RequestVerificationToken"] = token,
        }));
        (await empty.Content.ReadAsStringAsync()).ShouldContain("Type a phrase to try.");
    }

    [Fact]
    public async Task Trying_a_phrase_on_the_page_needs_the_antiforgery_token()
    {
        var admin = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(admin, Demo.Admin);
        var response = await admin.PostAsync("/Admin/ChatAssistant?handler=Try", new FormUrlEncodedContent(new Dictionary<string, string> { ["Phrase"] = "hello" }));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Demo.Agent3)]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Alice)]
    public async Task Only_admins_may_open_the_page_or_the_api(string user)
    {
        var pages = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(pages, user);
        (await pages.GetAsync("/Admin/ChatAssistant")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        var api = await app.SignedInAsync(user);
        (await api.GetAsync("/api/v1/admin/chat-assistant/intents")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.PostAsJsonAsync("/api/v1/admin/chat-assistant/try", new { phrase = "hello" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_the_sign_in_page_from_the_page()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await anonymous.GetAsync("/api/v1/admin/chat-assistant/intents")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var page = await anonymous.GetAsync("/Admin/ChatAssistant");
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldContain("/Account/Login");
    }

    [Fact]
    public async Task The_chat_widget_is_on_portal_and_public_pages_hidden_until_its_script_runs_and_never_for_staff()
    {
        var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var home = await anonymous.GetStringAsync("/");
        home.ShouldContain("<div id=\"chat-widget\" class=\"chat-widget\" hidden data-signed-in=\"false\">");
        home.ShouldContain("/js/chat-widget.js");

        var alice = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(alice, Demo.Alice);
        (await alice.GetStringAsync("/Portal/Cases")).ShouldContain("data-signed-in=\"true\"");

        foreach (var (user, path) in new[] { (Demo.Agent1, "/Agent"), (Demo.Supervisor, "/Agent"), (Demo.Admin, "/Admin"), (Demo.Agent1, "/Agent/Cases") })
        {
            var staff = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PageSession.SignInAsync(staff, user);
            (await staff.GetStringAsync(path)).ShouldNotContain("chat-widget", customMessage: $"{user} on {path}");
        }
    }

    [Fact]
    public async Task The_api_lists_the_intents_and_tries_a_phrase()
    {
        var api = await app.SignedInAsync(Demo.Admin);

        var intents = await (await api.GetAsync("/api/v1/admin/chat-assistant/intents")).JsonAsync();
        var keys = intents.EnumerateArray().Select(i => i.GetProperty("key").GetString()).ToList();
        keys.ShouldContain("sign-in");
        keys.ShouldContain("payment-failed");
        keys.ShouldContain("streaming-quality");
        keys.ShouldContain("plan-change");
        keys.ShouldContain("account-hacked");
        keys.ShouldContain("child-safety");
        keys.ShouldContain("person");
        var hacked = intents.EnumerateArray().Single(i => i.GetProperty("key").GetString() == "account-hacked");
        hacked.GetProperty("sensitive").GetBoolean().ShouldBeTrue();
        hacked.GetProperty("handOff").GetBoolean().ShouldBeTrue();
        hacked.GetProperty("category").GetString().ShouldBe("AccountTakeover");
        hacked.GetProperty("steps")[0].GetProperty("why").GetString().ShouldNotBeNullOrEmpty();

        var tried = await api.PostAsJsonAsync("/api/v1/admin/chat-assistant/try", new { phrase = "the video keeps buffering" });
        tried.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await tried.JsonAsync();
        result.GetProperty("matchedIntent").GetString().ShouldBe("streaming-quality");
        var reply = result.GetProperty("reply");
        reply.GetProperty("label").GetString().ShouldBe("Virtual assistant");
        reply.GetProperty("offersPerson").GetBoolean().ShouldBeTrue();
        reply.GetProperty("handOff").GetBoolean().ShouldBeFalse();

        var none = await (await api.PostAsJsonAsync("/api/v1/admin/chat-assistant/try", new { phrase = "what's the weather" })).JsonAsync();
        none.GetProperty("matchedIntent").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var bad = await api.PostAsJsonAsync("/api/v1/admin/chat-assistant/try", new { phrase = "" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
