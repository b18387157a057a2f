using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;

namespace HelpDesk.Web.Tests.Callbacks;

/// <summary>The app with a telephony API key configured.</summary>
public sealed class TelephonyApp : HelpDeskAppFactory
{
    public const string Key = "test-ivr-key-0123456789abcdef";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Telephony:ApiKeys:0", Key);
    }

    public HttpClient Ivr(string key = Key)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
}

public sealed class CallbackApiTests(TelephonyApp app) : IClassFixture<TelephonyApp>
{
    private static object Window(string phone = "+44 20 7946 0958", string topic = "Payment failed") => new
    {
        phone,
        topic,
        date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        from = "09:00",
        to = "11:00",
        timeZone = "Europe/London",
    };

    private static object IvrBody(string email = Demo.Alice, string phone = "+44 20 7946 0958") => new
    {
        email,
        phone,
        topic = "Called the IVR",
        windowStart = DateTimeOffset.UtcNow.AddMinutes(-1),
        windowEnd = DateTimeOffset.UtcNow.AddHours(2),
    };

    [Fact]
    public async Task Requesting_a_callback_answers_by_who_asks()
    {
        (await app.CreateClient().PostAsJsonAsync("/api/v1/callbacks", Window())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Ivr("wrong-key-0123456789abcdef").PostAsJsonAsync("/api/v1/callbacks", IvrBody())).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.SignedInAsync(Demo.Agent1)).PostAsJsonAsync("/api/v1/callbacks", Window())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await alice.PostAsJsonAsync("/api/v1/callbacks", Window());
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        body.GetProperty("status").GetString().ShouldBe("Waiting");
        body.GetProperty("position").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        created.Headers.Location!.ToString().ShouldBe($"/api/v1/callbacks/{body.GetProperty("id").GetString()}");

        var ivr = await app.Ivr().PostAsJsonAsync("/api/v1/callbacks", IvrBody(Demo.Bob));
        ivr.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ivr.JsonAsync()).GetProperty("source").GetString().ShouldBe("Ivr");
        (await app.Ivr().PostAsJsonAsync("/api/v1/callbacks", IvrBody("nobody@example.com"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("020 7946 0958", "Start the number with + and the country code")]
    [InlineData("+44 20 CALL ME", "cannot contain letters")]
    [InlineData("+1234567", "too short")]
    [InlineData("+1234567890123456", "too long")]
    [InlineData("+0044 20 7946 0958", "Country codes never start with 0")]
    public async Task Invalid_phone_numbers_get_a_specific_message(string phone, string message)
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var response = await alice.PostAsJsonAsync("/api/v1/callbacks", Window(phone));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        problem.GetProperty("errors").GetProperty("phone")[0].GetString().ShouldNotBeNull().ShouldContain(message);
    }

    [Fact]
    public async Task Staff_claim_and_record_outcomes_and_subscribers_see_only_their_own()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var bob = await app.SignedInAsync(Demo.Bob);
        var tier1 = await app.SignedInAsync(Demo.Agent1);
        var supervisor = await app.SignedInAsync(Demo.Supervisor);
        var created = await (await app.Ivr().PostAsJsonAsync("/api/v1/callbacks", IvrBody(Demo.Alice, "+49 30 901820"))).JsonAsync();
        var id = created.GetProperty("id").GetString();

        (await alice.GetAsync($"/api/v1/callbacks/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await bob.GetAsync($"/api/v1/callbacks/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PostAsync($"/api/v1/callbacks/{id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/callbacks/{id}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await alice.GetAsync("/api/v1/callbacks")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await alice.PostAsync("/api/v1/callbacks/claim-next", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Ivr().PostAsync("/api/v1/callbacks/claim-next", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var queue = await (await supervisor.GetAsync("/api/v1/callbacks?pageSize=100")).JsonAsync();
        queue.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetString() == id);

        // Claim until this callback comes up (earlier tests may have left others due).
        string? claimedId = null;
        for (var i = 0; i < 20 && claimedId != id; i++)
        {
            var claim = await (await tier1.PostAsync("/api/v1/callbacks/claim-next", null)).JsonAsync();
            claim.GetProperty("claimed").GetBoolean().ShouldBeTrue();
            claimedId = claim.GetProperty("callback").GetProperty("id").GetString();
            if (claimedId != id)
            {
                (await tier1.PostAsJsonAsync($"/api/v1/callbacks/{claimedId}/outcome", new { outcome = "Reached" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }

        (await supervisor.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", new { outcome = "Reached" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await tier1.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", new { outcome = "Nope" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var outcome = await tier1.PostAsJsonAsync($"/api/v1/callbacks/{id}/outcome", new { outcome = "NoAnswer", notes = "Rang 10 times" });
        outcome.StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await (await alice.GetAsync($"/api/v1/callbacks/{id}")).JsonAsync();
        after.GetProperty("status").GetString().ShouldBe("Waiting");
        after.GetProperty("attemptCount").GetInt32().ShouldBe(1);
        after.GetProperty("attempts")[0].GetProperty("notes").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var cancelled = await alice.DeleteAsync($"/api/v1/callbacks/{id}");
        cancelled.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await alice.PostAsync($"/api/v1/callbacks/{id}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task The_telephony_webhook_needs_the_key_attaches_events_once_and_answers_404_for_unknown_callbacks()
    {
        var created = await (await app.Ivr().PostAsJsonAsync("/api/v1/callbacks", IvrBody(Demo.Bob, "+33 1 23 45 67 89"))).JsonAsync();
        var id = created.GetProperty("id").GetString();
        var eventId = "evt-" + Guid.NewGuid();
        var ended = new { eventId, @event = "Ended", callbackId = id, durationSeconds = 42 };

        (await app.CreateClient().PostAsJsonAsync("/api/v1/telephony/events", ended)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await app.Ivr("wrong-key-0123456789abcdef").PostAsJsonAsync("/api/v1/telephony/events", ended)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await (await app.SignedInAsync(Demo.Supervisor)).PostAsJsonAsync("/api/v1/telephony/events", ended)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await app.Ivr().PostAsJsonAsync("/api/v1/telephony/events", ended)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var again = await app.Ivr().PostAsJsonAsync("/api/v1/telephony/events", ended);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.JsonAsync()).GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        (await app.Ivr().PostAsJsonAsync("/api/v1/telephony/events", new { eventId = "r-" + Guid.NewGuid(), @event = "Ringing", phone = "+33 1 23 45 67 89" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var unknown = await app.Ivr().PostAsJsonAsync("/api/v1/telephony/events", new { eventId = "u-" + Guid.NewGuid(), @event = "Answered", callbackId = Guid.NewGuid() });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await unknown.JsonAsync()).GetProperty("title").GetString().ShouldBe("Not found");
        (await app.Ivr().PostAsJsonAsync("/api/v1/telephony/events", new { eventId = "n-" + Guid.NewGuid(), @event = "Ended", callbackId = id }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var openapi = await (await app.CreateClient().GetAsync("/openapi/v1.json")).Content.ReadAsStringAsync();
        openapi.ShouldContain("/api/v1/telephony/events");
        openapi.ShouldContain("/api/v1/callbacks/claim-next");
    }
}
