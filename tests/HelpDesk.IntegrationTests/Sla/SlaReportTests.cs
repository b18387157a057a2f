using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Reports;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Sla;

public sealed class SlaReportTests(SlaReportTests.ShortReopenWindow app) : ClockedIntegrationTest<SlaReportTests.ShortReopenWindow>(app)
{
    /// <summary>Resolved cases close after an hour here, so a report period can hold an auto-close without days passing.</summary>
    public sealed class ShortReopenWindow : ClockedAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("HelpDesk:Cases:ReopenWindow", "01:00:00");
            // Breached cases stay in their queue so the report's per-queue row can be asserted.
            builder.UseSetting("HelpDesk:Escalation:EscalateOnSlaBreach", "false");
        }
    }

    [Fact]
    public async Task The_report_counts_the_periods_alerts_follow_ups_and_auto_closes_and_open_cases_by_state()
    {
        // Whatever the demo data has due is raised before the period starts.
        Clock.Advance(TimeSpan.FromDays(30));
        var demo = await SweepAsync();
        var periodStart = Clock.UtcNow;

        var unanswered = await OpenByEmailAsync(Demo.Alice, "Nobody answered");
        var missed = await OpenByEmailAsync(Demo.Bob, "Promise missed");
        var kept = await OpenByEmailAsync(Demo.Alice, "Promise kept, then resolved");
        await WriteAsync(Demo.Agent1, kept, "On it.");
        await PromiseFollowUpAsync(kept, Demo.Agent1, Clock.UtcNow.AddMinutes(20));
        await PromiseFollowUpAsync(missed, Demo.Agent1, Clock.UtcNow.AddMinutes(20));
        await WriteAsync(Demo.Agent1, kept, "Here is the update I promised.");

        var late = await WithDb(db => db.Cases.AsNoTracking().Where(c => c.Id == unanswered || c.Id == missed).ToListAsync());
        Clock.AdvancePast(late.Max(c => c.ResponseWarnAt!.Value));
        await SweepAsync();
        Clock.AdvancePast(late.Max(c => c.ResponseDueAt!.Value));
        await SweepAsync();
        var resolved = await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(kept));
        Clock.AdvancePast(resolved.ResolvedAt!.Value.AddHours(1));
        await SweepAsync();

        var report = await SendAs<SlaReport.Result>(Demo.Supervisor, new SlaReport.Query(periodStart, Clock.UtcNow.AddMinutes(1)));

        report.Targets.ShouldBe([
            new SlaReport.TargetRow(SlaTarget.FirstResponse, Warnings: 2, Breaches: 2),
            new SlaReport.TargetRow(SlaTarget.NextResponse, 0, 0),
            new SlaReport.TargetRow(SlaTarget.Resolution, 0, 0),
        ]);
        report.FollowUps.ShouldBe(new SlaReport.FollowUpCounts(Kept: 1, Missed: 1, Cancelled: 0));
        report.AutoClosed.ShouldBe(1);
        report.OpenCases.Single(q => q.Queue == "Email-Tier1").ShouldBe(new SlaReport.QueueRow("Email-Tier1", Ok: 0, Warning: 0, Breached: 2));

        // The period before holds exactly what the first sweep raised on the demo data, and none of the above.
        var before = await SendAs<SlaReport.Result>(Demo.Supervisor, new SlaReport.Query(periodStart.AddDays(-7), periodStart));
        demo.Breaches.ShouldBeGreaterThan(0);
        before.Targets.Sum(t => t.Warnings).ShouldBe(demo.Warnings);
        before.Targets.Sum(t => t.Breaches).ShouldBe(demo.Breaches);
        before.AutoClosed.ShouldBe(demo.AutoClosed);
        before.FollowUps.Missed.ShouldBe(demo.FollowUpsMissed);
    }

    [Fact]
    public async Task Without_dates_the_report_covers_the_last_seven_days()
    {
        var report = await SendAs<SlaReport.Result>(Demo.Supervisor, new SlaReport.Query());

        (report.To - report.From).ShouldBe(TimeSpan.FromDays(7));
        report.To.ShouldBeInRange(Clock.UtcNow.AddMinutes(-1), Clock.UtcNow);
    }

    [Fact]
    public async Task A_period_longer_than_92_days_or_ending_before_it_starts_is_refused_with_a_message()
    {
        var now = Clock.UtcNow;

        var tooLong = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<SlaReport.Result>(Demo.Supervisor, new SlaReport.Query(now.AddDays(-93), now)));
        tooLong.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A report covers at most 92 days; choose a shorter period.");

        var backwards = await Should.ThrowAsync<ValidationException>(() =>
            SendAs<SlaReport.Result>(Demo.Supervisor, new SlaReport.Query(now, now.AddDays(-1))));
        backwards.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("The end of the period must be after its start.");
    }

    [Theory]
    [InlineData(Demo.Agent1)]
    [InlineData(Demo.Agent3)]
    [InlineData(Demo.Alice)]
    public async Task Only_supervisors_get_the_report(string email)
    {
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<SlaReport.Result>(email, new SlaReport.Query()));
    }
}
