using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Email;

/// <summary>Issue 16 over real HTTP: lenient input is accepted, nothing is invisible (oversized kept truncated), the ignored-mail API.</summary>
public sealed class IgnoredMailApiTests(InboundEmailApp app) : IClassFixture<InboundEmailApp>
{
    private static HttpRequestMessage Post(byte[] raw)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels/email/inbound") { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        request.Headers.Add("X-Api-Key", InboundEmailApp.ApiKey);
        return request;
    }

    [Fact]
    public async Task A_byte_order_mark_or_a_stray_line_before_the_headers_is_read_as_mail_not_refused()
    {
        var client = app.CreateClient();
        var mail = MailBuilder.Text("Lina Park <lina@bom.example>", "BOM first", "Hello from a BOM.");

        var bom = await client.SendAsync(Post([0xEF, 0xBB, 0xBF, .. mail]));
        bom.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await bom.JsonAsync()).GetProperty("outcome").GetString().ShouldBe("CaseOpened");

        var stray = await client.SendAsync(Post([.. Encoding.ASCII.GetBytes("From lina@bom.example Tue Dec  1 12:00:00 2026\r\n"),
            .. MailBuilder.Text("Lina Park <lina@bom.example>", "mbox line first", "Hello from mbox.")]));
        stray.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await stray.JsonAsync()).GetProperty("outcome").GetString().ShouldBe("CaseOpened");
    }

    [Fact]
    public async Task An_oversized_message_gets_413_and_is_still_kept_truncated_in_the_ignored_mail()
    {
        var client = app.CreateClient();
        var huge = MailBuilder.WithAttachment("Big Sender <big@oversize.example>", "video.bin", "application/octet-stream", InboundEmailApp.MaxBytes, messageId: "huge-0001@oversize.example");

        var response = await client.SendAsync(Post(huge));
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var row = await db.InboundMessages.AsNoTracking().SingleAsync(m => m.FromAddress == "big@oversize.example");
        row.IgnoredReason.ShouldBe(Domain.Email.IgnoredReason.TooLarge);
        row.MessageId.ShouldBe("huge-0001@oversize.example");
        row.Size.ShouldBe(huge.LongLength);
        row.RawMime.ShouldNotBeNull().Length.ShouldBeGreaterThan(0);
        row.RawMime!.Length.ShouldBeLessThan(huge.Length);
    }

    [Fact]
    public async Task Staff_list_ignored_mail_download_it_and_make_a_case_once_subscribers_cannot()
    {
        var client = app.CreateClient();
        var posted = await client.SendAsync(Post(MailBuilder.Text("Zoe Ward <zoe@ignored-api.example>", "Automatic reply: Holiday", "I am away.",
            extraHeaders: "Auto-Submitted: auto-replied")));
        var id = (await posted.JsonAsync()).GetProperty("inboundEmailId").GetGuid();

        var agent = await app.SignedInAsync(Demo.Agent1);
        var list = await (await agent.GetAsync("/api/v1/channels/email/ignored?reason=AutoReply&pageSize=200")).JsonAsync();
        list.GetProperty("items").EnumerateArray().ShouldContain(i => i.GetProperty("id").GetGuid() == id && i.GetProperty("reason").GetString() == "AutoReply");
        (await agent.GetAsync("/api/v1/channels/email/ignored?pageSize=0")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var raw = await agent.GetAsync($"/api/v1/channels/email/ignored/{id}/raw");
        raw.StatusCode.ShouldBe(HttpStatusCode.OK);
        raw.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        (await raw.Content.ReadAsStringAsync()).ShouldContain("Automatic reply: Holiday");

        var made = await (await agent.PostAsync($"/api/v1/channels/email/ignored/{id}/case", null)).JsonAsync();
        made.GetProperty("alreadyDone").GetBoolean().ShouldBeFalse();
        var again = await (await agent.PostAsync($"/api/v1/channels/email/ignored/{id}/case", null)).JsonAsync();
        again.GetProperty("alreadyDone").GetBoolean().ShouldBeTrue();
        again.GetProperty("caseNumber").GetString().ShouldBe(made.GetProperty("caseNumber").GetString());
        (await agent.PostAsJsonAsync($"/api/v1/channels/email/ignored/{id}/add-to-case", new { caseNumber = "HD-000001" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        var subscriber = await app.SignedInAsync(Demo.Alice);
        (await subscriber.GetAsync("/api/v1/channels/email/ignored")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await subscriber.GetAsync($"/api/v1/channels/email/ignored/{id}/raw")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
