using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Chat;

/// <summary>The app with a low limit on chats started per client address.</summary>
public sealed class ChatStartLimitApp : HelpDeskAppFactory
{
    protected override int ChatStartsPerMinute => 2;
}

public sealed class ChatStartLimitTests(ChatStartLimitApp app) : IClassFixture<ChatStartLimitApp>
{
    [Fact]
    public async Task Guests_starting_chats_from_one_address_are_limited_per_minute_with_a_clear_problem()
    {
        using var http = app.CreateClient();
        for (var i = 0; i < 2; i++)
        {
            (await http.PostAsJsonAsync("/api/v1/chats", new { guestName = "Flo", guestEmail = $"flo{i}.{Guid.NewGuid():N}@example.net" }))
                .StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var refused = await http.PostAsJsonAsync("/api/v1/chats", new { guestName = "Flo", guestEmail = "flo@example.net" });
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()
            .ShouldBe("Too many chats started from your address. Wait a minute and try again.");
    }
}
