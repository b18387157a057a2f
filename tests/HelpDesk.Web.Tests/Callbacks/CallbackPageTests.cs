using System.Net;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Callbacks;

public sealed class CallbackPageTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(client, email);
        return client;
    }

    private static Dictionary<string, string> Form(string token, string phone) => new()
    {
        ["Input.Phone"] = phone,
        ["Input.Date"] = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["Input.From"] = "00:00",
        ["Input.To"] = "23:59",
        ["Input.TimeZone"] = "UTC",
        ["Input.Topic"] = "My payment failed twice",
        ["__RequestVerificationToken"] = token,
    };

    [Fact]
    public async Task A_subscriber_requests_a_callback_sees_position_and_estimate_and_cancels_it()
    {
        var alice = await SignedInAsync(Demo.Alice);
        var bad = await alice.PostAsync("/Portal/Callbacks/New", new FormUrlEncodedContent(Form(await PageSession.TokenAsync(alice, "/Portal/Callbacks/New"), "0207 946 0958")));
        bad.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("Start the number with");

        var posted = await alice.PostAsync("/Portal/Callbacks/New", new FormUrlEncodedContent(Form(await PageSession.TokenAsync(alice, "/Portal/Callbacks/New"), "+44 20 7946 0958")));
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var confirmation = await alice.GetStringAsync(posted.Headers.Location!.ToString());
        confirmation.ShouldContain("data-testid=\"callback-confirmation\"");
        confirmation.ShouldContain("data-testid=\"callback-position\"");
        confirmation.ShouldContain("442079460958");
        confirmation.ShouldContain("Cancel this callback");

        var id = System.Text.RegularExpressions.Regex.Match(posted.Headers.Location!.ToString(), "id=([0-9a-f-]{36})").Groups[1].Value;
        var cancel = await alice.PostAsync($"/Portal/Callbacks/New?handler=Cancel&callbackId={id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PageSession.TokenAsync(alice, "/Portal/Callbacks/New"),
        }));
        cancel.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await alice.GetStringAsync(cancel.Headers.Location!.ToString())).ShouldContain("Your callback is cancelled");

        // Bob cannot cancel Alice's callback through the page either.
        var bob = await SignedInAsync(Demo.Bob);
        var forged = await bob.PostAsync($"/Portal/Callbacks/New?handler=Cancel&callbackId={Guid.NewGuid()}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PageSession.TokenAsync(bob, "/Portal/Callbacks/New"),
        }));
        forged.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_agent_console_lists_the_queue_and_claims_the_next_callback_and_others_cannot_open_it()
    {
        var bob = await SignedInAsync(Demo.Bob);
        (await bob.PostAsync("/Portal/Callbacks/New", new FormUrlEncodedContent(Form(await PageSession.TokenAsync(bob, "/Portal/Callbacks/New"), "+1 212 555 0199"))))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await bob.GetAsync("/Agent/Callbacks")).StatusCode.ShouldNotBe(HttpStatusCode.OK);

        var sam = await SignedInAsync(Demo.Agent1);
        var page = await sam.GetStringAsync("/Agent/Callbacks");
        page.ShouldContain("data-testid=\"callback-queue\"");
        page.ShouldContain("Claim next callback");
        var claim = await sam.PostAsync("/Agent/Callbacks?handler=Claim", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = await PageSession.TokenAsync(sam, "/Agent/Callbacks"),
        }));
        claim.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var held = await sam.GetStringAsync("/Agent/Callbacks");
        held.ShouldContain("data-testid=\"held-callback\"");
        held.ShouldContain("How did the call go?");

        var missing = await sam.PostAsync("/Agent/Callbacks?handler=Outcome", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Outcome.CallbackId"] = Guid.NewGuid().ToString(),
            ["Outcome.Result"] = "Reached",
            ["__RequestVerificationToken"] = await PageSession.TokenAsync(sam, "/Agent/Callbacks"),
        }));
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
