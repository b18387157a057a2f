using System.Net;
using System.Net.Http.Headers;
using System.Text;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Email;

/// <summary>The app with an inbound API key and a small message limit.</summary>
public sealed class InboundEmailApp : HelpDeskAppFactory
{
    public const string ApiKey = "test-inbound-key-0123456789";
    public const int MaxBytes = 200_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Email:InboundApiKeys:0", ApiKey);
        builder.UseSetting("HelpDesk:Email:MaxMessageBytes", MaxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>POST /api/v1/channels/email/inbound over real HTTP, and attachment downloads.</summary>
public sealed class InboundEmailApiTests(InboundEmailApp app) : IClassFixture<InboundEmailApp>
{
    private static HttpRequestMessage Post(byte[] raw, string? key = InboundEmailApp.ApiKey, string contentType = "message/rfc822")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels/email/inbound") { Content = new ByteArrayContent(raw) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        if (key is not null)
        {
            request.Headers.Add("X-Api-Key", key);
        }

        return request;
    }

    [Fact]
    public async Task A_message_is_accepted_with_202_after_commit_and_a_redelivery_gets_200_with_the_first_outcome()
    {
        var client = app.CreateClient();
        var raw = MailBuilder.Text("Yara Lind <yara@api-test.example>", "Subtitles missing", "No subtitles on any film.", messageId: "api-0001@api-test.example");

        var response = await client.SendAsync(Post(raw));
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var body = await response.JsonAsync();
        body.GetProperty("outcome").GetString().ShouldBe("CaseOpened");
        body.GetProperty("duplicate").GetBoolean().ShouldBeFalse();
        var caseId = body.GetProperty("caseId").GetGuid();
        body.GetProperty("caseNumber").GetString().ShouldStartWith("HD-");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            (await db.Cases.AnyAsync(c => c.Id == caseId)).ShouldBeTrue("202 only after the case is committed");
        }

        var again = await client.SendAsync(Post(raw));
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await again.JsonAsync();
        second.GetProperty("duplicate").GetBoolean().ShouldBeTrue();
        second.GetProperty("caseId").GetGuid().ShouldBe(caseId);
        second.GetProperty("outcome").GetString().ShouldBe("CaseOpened");
    }

    [Fact]
    public async Task Without_a_valid_key_the_endpoint_answers_401_and_stores_nothing()
    {
        var client = app.CreateClient();
        var raw = MailBuilder.Text("zed@api-test.example", "No key", "Hello", messageId: "api-nokey@api-test.example");

        (await client.SendAsync(Post(raw, key: null))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await client.SendAsync(Post(raw, key: "wrong"))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().InboundMessages.AnyAsync(m => m.MessageId == "api-nokey@api-test.example")).ShouldBeFalse();
    }

    [Fact]
    public async Task Malformed_input_gets_400_with_the_reason_oversized_413_and_a_wrong_type_415()
    {
        var client = app.CreateClient();

        var notMime = await client.SendAsync(Post(Encoding.UTF8.GetBytes("this is not an email at all\r\njust text\r\n")));
        notMime.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await notMime.Content.ReadAsStringAsync()).ShouldContain("RFC 5322");

        var empty = await client.SendAsync(Post([]));
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var huge = await client.SendAsync(Post(MailBuilder.WithAttachment("big@api-test.example", "big.bin", "application/octet-stream", InboundEmailApp.MaxBytes)));
        huge.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);

        var json = await client.SendAsync(Post(MailBuilder.Text("a@api-test.example", "x", "y"), contentType: "application/json"));
        json.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Attachments_download_as_attachments_with_nosniff_and_svg_as_octet_stream_for_staff_only()
    {
        var client = app.CreateClient();
        var svg = Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        var raw = Encoding.UTF8.GetBytes(
            "From: amy@api-test.example\r\nTo: support@helpdesk.example\r\nSubject: Logo\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\nMessage-ID: <svg-0001@api-test.example>\r\n"
            + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"m\"\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nOur logo.\r\n"
            + "--m\r\nContent-Type: image/svg+xml\r\nContent-Disposition: attachment; filename=\"logo.svg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(svg) + "\r\n--m--\r\n");
        var accepted = await (await client.SendAsync(Post(raw))).JsonAsync();
        var caseId = accepted.GetProperty("caseId").GetGuid();
        Guid attachmentId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            attachmentId = await scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>().CaseAttachments.Where(a => a.CaseId == caseId).Select(a => a.Id).SingleAsync();
        }

        var agent = await app.SignedInAsync(Demo.Agent1);
        var download = await agent.GetAsync($"/api/v1/cases/{caseId}/attachments/{attachmentId}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/octet-stream");
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.Trim('"').ShouldBe("logo.svg");
        download.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(svg);

        // Another subscriber learns nothing about the case.
        var bob = await app.SignedInAsync(Demo.Bob);
        (await bob.GetAsync($"/api/v1/cases/{caseId}/attachments/{attachmentId}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await app.CreateClient().GetAsync($"/api/v1/cases/{caseId}/attachments/{attachmentId}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
    [Fact]
    public async Task The_agent_case_page_shows_the_email_with_its_inline_image_quoted_fold_and_the_suspicious_reference_flag()
    {
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
        var raw = Encoding.UTF8.GetBytes(
            "From: Mallory <mallory@page-test.example>\r\nTo: support@helpdesk.example\r\nSubject: Re: [HD-000001] Video keeps buffering\r\nDate: Tue, 01 Dec 2026 12:00:00 +0000\r\n"
            + "Message-ID: <page-0001@page-test.example>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"r\"\r\n\r\n"
            + "--r\r\nContent-Type: multipart/alternative; boundary=\"a\"\r\n\r\n--a\r\nContent-Type: text/plain\r\n\r\nSee the screen.\r\n\r\nOn Mon, 30 Nov 2026, Support wrote:\r\n> Which TV?\r\n"
            + "--a\r\nContent-Type: text/html\r\n\r\n<p>See the screen.</p><img src=\"cid:shot@page\" alt=\"screen\">\r\n--a--\r\n"
            + "--r\r\nContent-Type: image/png\r\nContent-ID: <shot@page>\r\nContent-Disposition: inline; filename=\"shot.png\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(png) + "\r\n--r--\r\n");
        var accepted = await (await app.CreateClient().SendAsync(Post(raw))).JsonAsync();
        accepted.GetProperty("suspicious").GetBoolean().ShouldBeTrue();
        var caseId = accepted.GetProperty("caseId").GetGuid();

        var agent = app.CreateClient();
        await Pages.PageSession.SignInAsync(agent, Demo.Agent1);
        var html = await agent.GetStringAsync($"/Agent/Cases/Details/{caseId}");
        html.ShouldContain("data-testid=\"suspicious-reference\"");
        html.ShouldContain("not a participant");
        html.ShouldContain("Show quoted text");
        html.ShouldContain("Which TV?");
        html.ShouldNotContain("cid:shot@page");
        var src = System.Text.RegularExpressions.Regex.Match(html, "src=\"(/attachments/[^\"]+)\"").Groups[1].Value;
        src.ShouldNotBeNullOrEmpty();
        var image = await agent.GetAsync(src);
        image.StatusCode.ShouldBe(HttpStatusCode.OK);
        image.Content.Headers.ContentType!.MediaType.ShouldBe("image/png");
        (await image.Content.ReadAsByteArrayAsync()).ShouldBe(png);
    }
}
