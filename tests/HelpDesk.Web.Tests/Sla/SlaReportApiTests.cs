using System.Net;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using HelpDesk.Web.Tests.Pages;
using Microsoft.AspNetCore.Mvc.Testing;

namespace HelpDesk.Web.Tests.Sla;

public sealed class SlaReportApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    private HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    [Fact]
    public async Task A_tier1_agent_gets_403_from_the_report_api_and_page()
    {
        var sam = await app.SignedInAsync(Demo.Agent1);
        var api = await sam.GetAsync("/api/v1/reports/sla");
        api.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await api.JsonAsync()).GetProperty("detail").GetString().ShouldBe("Only supervisors can do this.");

        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Agent1);
        var page = await client.GetAsync("/Agent/Reports/Sla");
        page.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var html = await page.Content.ReadAsStringAsync();
        html.ShouldContain("Not allowed");
        html.ShouldNotContain("Warnings and breaches by target");
    }

    [Fact]
    public async Task A_supervisor_gets_the_report_over_the_api_and_on_the_page()
    {
        var maria = await app.SignedInAsync(Demo.Supervisor);
        var to = DateTimeOffset.UtcNow.AddMinutes(1);
        var from = to.AddDays(-3);

        var response = await maria.GetAsync($"/api/v1/reports/sla?from={from.UtcDateTime:O}&to={to.UtcDateTime:O}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = await response.JsonAsync();
        report.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetString())
            .ShouldBe(["FirstResponse", "NextResponse", "Resolution"]);
        report.GetProperty("followUps").GetProperty("missed").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        report.GetProperty("openCases").EnumerateArray().Select(q => q.GetProperty("queue").GetString()).ShouldContain("Portal-Tier1");
        DateTimeOffset.Parse(report.GetProperty("from").GetString()!, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(from, TimeSpan.FromMilliseconds(1));

        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Supervisor);
        var html = await client.GetStringAsync("/Agent/Reports/Sla?from=2026-01-01&to=2026-01-31");
        html.ShouldContain("Warnings and breaches by target");
        html.ShouldContain("data-queue=\"Portal-Tier1\"");
        html.ShouldContain("value=\"2026-01-01\"");
        // The navigation offers the report to supervisors only.
        html.ShouldContain("href=\"/Agent/Reports/Sla\"");
        var tier1 = Browser();
        await PageSession.SignInAsync(tier1, Demo.Agent1);
        (await tier1.GetStringAsync("/Agent")).ShouldNotContain("href=\"/Agent/Reports/Sla\"");
    }

    [Fact]
    public async Task A_period_over_92_days_is_a_400_with_the_field_and_a_message()
    {
        var maria = await app.SignedInAsync(Demo.Supervisor);

        var response = await maria.GetAsync("/api/v1/reports/sla?from=2026-01-01T00:00:00Z&to=2026-06-01T00:00:00Z");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.JsonAsync()).GetProperty("errors").GetProperty("to")[0].GetString()
            .ShouldBe("A report covers at most 92 days; choose a shorter period.");
        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Supervisor);
        (await client.GetStringAsync("/Agent/Reports/Sla?from=2026-01-01&to=2026-06-01")).ShouldContain("A report covers at most 92 days");
    }

    [Fact]
    public async Task Staff_read_the_sla_policies_with_their_calendars_and_subscribers_cannot()
    {
        var sam = await app.SignedInAsync(Demo.Agent1);
        var policies = await (await sam.GetAsync("/api/v1/sla-policies")).JsonAsync();

        var normal = policies.EnumerateArray().Single(p => p.GetProperty("name").GetString() == "Normal (business hours)");
        normal.GetProperty("timeZoneId").GetString().ShouldBe("Europe/London");
        normal.GetProperty("is24x7").GetBoolean().ShouldBeFalse();
        normal.GetProperty("hours")[0].GetProperty("day").GetString().ShouldBe("Monday");
        normal.GetProperty("hours")[0].GetProperty("open").GetString().ShouldBe("08:00:00");
        normal.GetProperty("holidays").EnumerateArray().Select(h => h.GetString()).ShouldContain("2026-12-25");
        var urgent = policies.EnumerateArray().First();
        urgent.GetProperty("priority").GetString().ShouldBe("Urgent");
        urgent.GetProperty("is24x7").GetBoolean().ShouldBeTrue();

        var alice = await app.SignedInAsync(Demo.Alice);
        (await alice.GetAsync("/api/v1/sla-policies")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var client = Browser();
        await PageSession.SignInAsync(client, Demo.Agent1);
        var html = await client.GetStringAsync("/Agent/Sla/Policies");
        html.ShouldContain("Normal (business hours)");
        html.ShouldContain("Opening hours (Europe/London)");
        html.ShouldContain("08:00&#x2013;20:00"); // the en dash, HTML-encoded
        html.ShouldContain("Around the clock (24/7)");
        html.ShouldContain("datetime=\"2026-12-25\"");
        html.ShouldContain("60 h");
    }

    [Fact]
    public async Task The_openapi_document_describes_the_sla_notification_and_report_endpoints()
    {
        var document = await app.CreateClient().GetStringAsync("/openapi/v1.json");

        document.ShouldContain("\"/api/v1/notifications\"");
        document.ShouldContain("\"/api/v1/notifications/{id}/read\"");
        document.ShouldContain("\"/api/v1/reports/sla\"");
        document.ShouldContain("\"/api/v1/sla-policies\"");
        document.ShouldContain("SLA report (supervisors)");
    }
}
