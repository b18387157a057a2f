using FluentValidation;
using HelpDesk.Application.Admin;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Admin;

/// <summary>Issue 5: administrators edit SLA targets and calendars and apply them to open cases.</summary>
public sealed class SlaPolicyAdminTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private static readonly DayOfWeek[] Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    private Task<SlaPolicy> PolicyAsync(CasePriority priority, Channel? channel = null) =>
        WithDb(db => db.SlaPolicies.AsNoTracking().SingleAsync(p => p.Priority == priority && p.Channel == channel));

    private static ChangeSlaPolicy.Command Change(SlaPolicy p) =>
        new(p.Id, p.Name, p.FirstResponse, p.NextResponse, p.Resolution, p.WarningPercent, p.TimeZoneId,
            p.Hours.Select(h => new HoursInput(h.Day, h.Open, h.Close)).ToList(), p.Holidays);

    [Fact]
    public async Task Changing_hours_targets_and_holidays_is_saved_and_audited_with_before_and_after()
    {
        var low = await PolicyAsync(CasePriority.Low);
        var hours = Weekdays.Select(d => new HoursInput(d, new TimeOnly(9, 0), new TimeOnly(12, 30)))
            .Concat(Weekdays.Select(d => new HoursInput(d, new TimeOnly(13, 30), new TimeOnly(18, 0)))).ToList();

        var saved = await SendAs<ListSlaPolicies.PolicyModel>(Demo.Admin, Change(low) with
        {
            FirstResponse = TimeSpan.FromMinutes(90), WarningPercent = 75, TimeZoneId = "Europe/Madrid", Hours = hours,
            Holidays = [.. low.Holidays, new DateOnly(2027, 1, 6)],
        });

        saved.FirstResponse.ShouldBe(TimeSpan.FromMinutes(90));
        saved.Hours.Count.ShouldBe(10);
        var stored = await PolicyAsync(CasePriority.Low);
        (stored.TimeZoneId, stored.WarningPercent).ShouldBe(("Europe/Madrid", 75));
        stored.Holidays.ShouldContain(new DateOnly(2027, 1, 6));
        stored.Calendar.Add(new DateTimeOffset(2027, 1, 5, 11, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1))
            .ShouldBe(new DateTimeOffset(2027, 1, 5, 13, 0, 0, TimeSpan.Zero), "11:00 UTC is 12:00 in Madrid: half an hour before lunch, then 13:30-14:00 local");
        var audit = await WithDb(db => db.AuditEvents.AsNoTracking().SingleAsync(a => a.Action == "sla_policy.changed" && a.EntityId == low.Id.ToString()));
        (audit.EntityType, audit.CaseId).ShouldBe(("sla_policy", (Guid?)null));
        AuditJson.Change(audit.Data, "firstResponse").ShouldBe(("1.00:00:00", "01:30:00"));
        AuditJson.Change(audit.Data, "timeZone").ShouldBe(("Europe/London", "Europe/Madrid"));
        AuditJson.Change(audit.Data, "hours").To.ShouldNotBeNull().ShouldStartWith("Monday 09:00-12:30, Monday 13:30-18:00, Tuesday 09:00-12:30");
    }

    [Fact]
    public async Task Bad_policies_are_refused_with_specific_messages()
    {
        var normal = await PolicyAsync(CasePriority.Normal);

        var refused = await Should.ThrowAsync<ValidationException>(() => SendAs<ListSlaPolicies.PolicyModel>(Demo.Admin, Change(normal) with
        {
            FirstResponse = TimeSpan.Zero,
            WarningPercent = 100,
            TimeZoneId = "Mars/Olympus_Mons",
            Hours = [new HoursInput(DayOfWeek.Monday, new TimeOnly(10, 0), new TimeOnly(9, 0)), new HoursInput(DayOfWeek.Tuesday, new TimeOnly(8, 0), new TimeOnly(14, 0)), new HoursInput(DayOfWeek.Tuesday, new TimeOnly(13, 0), new TimeOnly(18, 0))],
        }));

        var messages = refused.Errors.Select(e => e.ErrorMessage).ToList();
        messages.ShouldContain("The first response target must be longer than zero.");
        messages.ShouldContain("Warn between 1% and 99% of the target (80% warns when a fifth of the time is left).");
        messages.ShouldContain("“Mars/Olympus_Mons” is not a time zone we know. Use an IANA name such as Europe/Madrid or America/New_York.");
        messages.ShouldContain("On Monday the hours must close after they open (10:00–09:00); use 00:00 to close at midnight.");
        messages.ShouldContain("Two opening windows on the same day overlap. Make each window end before the next one starts.");
        (await PolicyAsync(CasePriority.Normal)).FirstResponse.ShouldBe(normal.FirstResponse);
    }

    [Fact]
    public async Task Recomputing_applies_new_targets_to_open_cases_of_that_priority_only()
    {
        var high = await PolicyAsync(CasePriority.High);
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Charged for a plan I cancelled", "Billing", "Please refund."));
        await SendAs<CaseState>(Demo.Agent2, new ChangeCasePriority.Command(opened.Id, "High"));
        var before = await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == opened.Id));
        var openHigh = await WithDb(db => db.Cases.CountAsync(c => c.Priority == CasePriority.High && c.Status != CaseStatus.Resolved && c.Status != CaseStatus.Closed));

        await SendAs<ListSlaPolicies.PolicyModel>(Demo.Admin, Change(high) with { Resolution = high.Resolution + TimeSpan.FromDays(1) });
        (await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == opened.Id))).ResolutionDueAt.ShouldBe(before.ResolutionDueAt, "changes reach cases when they next change");

        var result = await SendAs<RecomputeResult>(Demo.Admin, new RecomputeSlaPolicy.Command(high.Id));

        result.Updated.ShouldBe(openHigh);
        var after = await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == opened.Id));
        after.ResolutionDueAt.ShouldBe(before.ResolutionDueAt!.Value.AddDays(1));
        after.SlaPolicyId.ShouldBe(high.Id);
        (await WithDb(db => db.AuditEvents.AnyAsync(a => a.Action == "sla_policy.recomputed" && a.EntityId == high.Id.ToString()))).ShouldBeTrue();
    }

    [Fact]
    public async Task Channel_policies_can_be_added_and_deleted_but_every_priority_keeps_its_general_policy()
    {
        var general = await PolicyAsync(CasePriority.Urgent);

        var email = await SendAs<ListSlaPolicies.PolicyModel>(Demo.Admin, new CreateSlaPolicy.Command(CasePriority.Urgent, Channel.Email));
        (email.Channel, email.FirstResponse, email.Name).ShouldBe((Channel.Email, general.FirstResponse, "Email, urgent"));
        (await Should.ThrowAsync<DomainRuleException>(() => SendAs<ListSlaPolicies.PolicyModel>(Demo.Admin, new CreateSlaPolicy.Command(CasePriority.Urgent, Channel.Email))))
            .Code.ShouldBe("sla.duplicate_policy");
        (await Should.ThrowAsync<DomainRuleException>(() => SendAs<RecomputeResult>(Demo.Admin, new DeleteSlaPolicy.Command(general.Id))))
            .Code.ShouldBe("sla.general_policy_required");

        await SendAs<RecomputeResult>(Demo.Admin, new DeleteSlaPolicy.Command(email.Id));
        (await WithDb(db => db.SlaPolicies.AnyAsync(p => p.Id == email.Id))).ShouldBeFalse();
        (await WithDb(db => db.AuditEvents.Where(a => a.EntityId == email.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()))
            .ShouldBe(["sla_policy.created", "sla_policy.deleted"]);
    }

    [Theory]
    [InlineData(Demo.Supervisor)]
    [InlineData(Demo.Agent1)]
    public async Task Only_administrators_change_sla_policies(string email)
    {
        var normal = await PolicyAsync(CasePriority.Normal);

        await Should.ThrowAsync<ForbiddenException>(() => SendAs<ListSlaPolicies.PolicyModel>(email, Change(normal) with { WarningPercent = 50 }));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<RecomputeResult>(email, new RecomputeSlaPolicy.Command(normal.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<ListSlaPolicies.PolicyModel>(email, new CreateSlaPolicy.Command(CasePriority.Low, Channel.Chat)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<IReadOnlyList<ListSlaPolicies.PolicyModel>>(email, new ListSlaPoliciesForAdmin.Query()));
        (await PolicyAsync(CasePriority.Normal)).WarningPercent.ShouldBe(normal.WarningPercent);
    }
}
