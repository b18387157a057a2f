using System.Net;
using System.Net.Http.Json;
using HelpDesk.Testing;

namespace HelpDesk.Web.Tests.Api;

public sealed class AuditApiTests(HelpDeskAppFactory app) : IClassFixture<HelpDeskAppFactory>
{
    [Fact]
    public async Task Supervisors_filter_and_page_the_audit_log_newest_first()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var sam = await app.SignedInAsync(Demo.Agent1);
        var maria = await app.SignedInAsync(Demo.Supervisor);
        var opened = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Audit me", category = "Billing", description = "Twice." })).JsonAsync();
        var id = opened.GetProperty("id").GetString();
        var number = opened.GetProperty("number").GetString();
        await sam.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "Looking into it." });
        await sam.PostAsJsonAsync($"/api/v1/cases/{id}/messages", new { body = "Billing confirms the double charge.", @internal = true });
        await sam.PostAsync($"/api/v1/cases/{id}/resolve", null);

        var first = await maria.GetAsync($"/api/v1/audit?caseNumber={number}&pageSize=2");
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page1 = await first.JsonAsync();
        page1.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["case.status_changed", "case.note_added"]);
        var cursor = page1.GetProperty("nextCursor").GetString();
        var page2 = await (await maria.GetAsync($"/api/v1/audit?caseNumber={number}&pageSize=2&cursor={cursor}")).JsonAsync();
        page2.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ShouldBe(["case.message_added", "case.opened"]);
        page2.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);

        var bySam = await (await maria.GetAsync($"/api/v1/audit?caseNumber={number}&actor=agent1&action=case.")).JsonAsync();
        bySam.GetProperty("items").GetArrayLength().ShouldBe(3);
        var later = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(5).ToString("O"));
        (await (await maria.GetAsync($"/api/v1/audit?caseNumber={number}&from={later}")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0);

        var history = await (await sam.GetAsync($"/api/v1/cases/{id}/audit")).JsonAsync();
        var change = history[3].GetProperty("changes")[0];
        change.GetProperty("field").GetString().ShouldBe("status");
        change.GetProperty("from").GetString().ShouldBe("Open");
        change.GetProperty("to").GetString().ShouldBe("Resolved");
    }

    [Fact]
    public async Task Agents_are_refused_the_audit_log_and_bad_filters_get_field_messages()
    {
        var diego = await app.SignedInAsync(Demo.Agent3);
        (await diego.GetAsync("/api/v1/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var maria = await app.SignedInAsync(Demo.Supervisor);
        var response = await maria.GetAsync("/api/v1/audit?caseNumber=12-34&pageSize=0");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        errors.GetProperty("caseNumber")[0].GetString().ShouldBe("Enter a case number like HD-000123.");
        errors.GetProperty("pageSize")[0].GetString()!.ShouldContain("between 1 and 200");
    }
}
