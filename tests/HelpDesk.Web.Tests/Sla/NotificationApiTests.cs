using System.Net;
using System.Net.Http.Json;
using HelpDesk.Domain.Common;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Sla;

public sealed class NotificationApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Stores a notification for <paramref name="email"/> on a fresh case of Alice's; returns (notification id, case id).</summary>
    private async Task<(Guid Id, Guid CaseId)> NotifyAsync(string email, string message)
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = message, category = "Billing", description = "x" })).JsonAsync();
        var caseId = Guid.Parse(created.GetProperty("id").GetString()!);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var agentId = await db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync();
        var notification = Notification.Create(agentId, caseId, "sla.breached", message, DateTimeOffset.UtcNow);
        db.Notifications.Add(notification);
        await db.SaveChangesAsync();
        return (notification.Id, caseId);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_subscribers_403_on_the_notification_endpoints()
    {
        var anonymous = app.CreateClient();
        (await anonymous.GetAsync("/api/v1/notifications")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsync($"/api/v1/notifications/{Guid.NewGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var alice = await app.SignedInAsync(Demo.Alice);
        var list = await alice.GetAsync("/api/v1/notifications");
        list.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        list.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await alice.PostAsync("/api/v1/notifications/read", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_agent_lists_and_marks_only_their_own_notifications_over_the_api()
    {
        var (samsId, samsCase) = await NotifyAsync(Demo.Agent1, "For Sam via API");
        var (mariasId, _) = await NotifyAsync(Demo.Supervisor, "For Maria via API");
        var sam = await app.SignedInAsync(Demo.Agent1);

        var page = await (await sam.GetAsync("/api/v1/notifications?pageSize=100")).JsonAsync();
        var ids = page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ToList();
        ids.ShouldContain(samsId.ToString());
        ids.ShouldNotContain(mariasId.ToString());
        var mine = page.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetString() == samsId.ToString());
        mine.GetProperty("caseId").GetString().ShouldBe(samsCase.ToString());
        mine.GetProperty("caseNumber").GetString()!.ShouldMatch(@"^HD-\d{6}$");
        mine.GetProperty("isRead").GetBoolean().ShouldBeFalse();
        var unreadBefore = page.GetProperty("unreadCount").GetInt32();

        var othersRead = await sam.PostAsync($"/api/v1/notifications/{mariasId}/read", null);
        othersRead.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await othersRead.JsonAsync()).GetProperty("detail").GetString().ShouldBe($"Notification {mariasId} was not found.");

        var read = await sam.PostAsync($"/api/v1/notifications/{samsId}/read", null);
        read.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await read.JsonAsync()).GetProperty("unreadCount").GetInt32().ShouldBe(unreadBefore - 1);

        var maria = await app.SignedInAsync(Demo.Supervisor);
        var mariasPage = await (await maria.GetAsync("/api/v1/notifications?unreadOnly=true&pageSize=100")).JsonAsync();
        mariasPage.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("id").GetString()).ShouldContain(mariasId.ToString());
        (await (await maria.PostAsync("/api/v1/notifications/read", null)).JsonAsync()).GetProperty("marked").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        (await (await maria.GetAsync("/api/v1/notifications")).JsonAsync()).GetProperty("unreadCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_bad_page_size_or_cursor_gets_field_messages()
    {
        var sam = await app.SignedInAsync(Demo.Agent1);

        var response = await sam.GetAsync("/api/v1/notifications?pageSize=0&cursor=nonsense");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("pageSize")[0].GetString().ShouldBe("The page size must be between 1 and 100.");
        errors.GetProperty("cursor")[0].GetString().ShouldBe("The page cursor is not valid; start again from the first page.");
    }

    [Fact]
    public async Task The_notifications_page_shows_your_own_with_case_links_and_marks_them_read_but_not_someone_elses()
    {
        var (samsId, samsCase) = await NotifyAsync(Demo.Agent1, "Page note for Sam");
        var (mariasId, _) = await NotifyAsync(Demo.Supervisor, "Page note for Maria");
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Agent1);

        var html = await client.GetStringAsync("/Agent/Notifications");
        html.ShouldContain("Page note for Sam");
        html.ShouldNotContain("Page note for Maria");
        html.ShouldContain($"href=\"/Agent/Cases/Details/{samsCase}\"");
        html.ShouldContain("data-testid=\"notifications-link\"");
        html.ShouldContain("class=\"badge unread-count\"");

        var token = await PageSession.TokenAsync(client, "/Agent/Notifications");
        var others = await client.PostAsync($"/Agent/Notifications?handler=Read&id={mariasId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        others.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var own = await client.PostAsync($"/Agent/Notifications?handler=Read&id={samsId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        own.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        (await db.Notifications.SingleAsync(n => n.Id == samsId)).ReadAt.ShouldNotBeNull();
        (await db.Notifications.SingleAsync(n => n.Id == mariasId)).ReadAt.ShouldBeNull();
    }

    [Fact]
    public async Task Subscribers_cannot_open_the_notifications_page()
    {
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Alice);

        var response = await client.GetAsync("/Agent/Notifications");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/Account/AccessDenied");
    }
}
