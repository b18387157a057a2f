using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Security;

/// <summary>
/// Issue 14: an anonymous guest chat that names a subscriber's email stays an unverified contact's case: it never appears
/// in that subscriber's portal or API, and they cannot open or join it.
/// </summary>
public sealed class GuestChatAccountTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task A_guest_chat_naming_a_subscribers_email_is_not_filed_into_their_portal()
    {
        const string Words = "Please change the email on this account to mallory@example.net";
        var guest = app.CreateClient();
        var started = await guest.PostAsJsonAsync("/api/v1/chats", new { guestName = "Alice", guestEmail = Demo.Alice, firstMessage = Words });
        started.StatusCode.ShouldBe(HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var chat = (await started.JsonAsync()).GetProperty("chat");
        var caseId = chat.GetProperty("caseId").GetGuid();

        var alice = await app.SignedInAsync(Demo.Alice);
        var list = await alice.GetAsync("/api/v1/cases?pageSize=100");
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync()).ShouldNotContain(caseId.ToString());
        (await alice.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await alice.PostAsJsonAsync("/api/v1/chats", new { caseId, firstMessage = "Let me in" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var portal = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await PageSession.SignInAsync(portal, Demo.Alice);
        (await portal.GetStringAsync("/Portal/Cases")).ShouldNotContain(caseId.ToString());
        (await portal.GetAsync($"/Portal/Cases/Details/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Staff still see the case, flagged as an unverified guest.
        var maria = await app.SignedInAsync(Demo.Supervisor);
        (await maria.GetAsync($"/api/v1/cases/{caseId}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
