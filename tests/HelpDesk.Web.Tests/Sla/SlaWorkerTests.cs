using System.Net;
using System.Net.Http.Json;
using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Workers;
using HelpDesk.Testing;
using HelpDesk.Web.Tests.Api;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.Web.Tests.Sla;

public sealed class SlaWorkerTests(SlaWorkerTests.SweepingApp app) : IClassFixture<SlaWorkerTests.SweepingApp>
{
    /// <summary>The app with its hosted sweeper on, ticking every second, and a clock the test moves.</summary>
    public sealed class SweepingApp : ClockedAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("HelpDesk:Sla:SweepIntervalSeconds", "1");
        }
    }

    /// <summary>Same, but every sweep fails (a batch size the command refuses).</summary>
    public sealed class FailingSweepApp : ClockedAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("HelpDesk:Sla:SweepIntervalSeconds", "1");
            builder.UseSetting("HelpDesk:Sla:BatchSize", "0");
        }
    }

    private async Task<T> WithDb<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    [Fact]
    public async Task The_hosted_sweeper_runs_in_the_app_and_raises_a_breach_that_supervisors_are_told_about()
    {
        var alice = await app.SignedInAsync(Demo.Alice);
        var created = await (await alice.PostAsJsonAsync("/api/v1/cases", new { subject = "Nobody answers", category = "Playback", description = "Hello?" })).JsonAsync();
        var id = Guid.Parse(created.GetProperty("id").GetString()!);
        var number = created.GetProperty("number").GetString();
        var due = await WithDb(db => db.Cases.Where(c => c.Id == id).Select(c => c.ResponseDueAt).SingleAsync());

        app.Clock.AdvancePast(due!.Value);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await WithDb(db => db.Cases.Where(c => c.Id == id).Select(c => c.ResponseSla).SingleAsync()) != Domain.Sla.SlaState.Breached)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the hosted sweeper should have raised the breach within a few ticks");
            await Task.Delay(200);
        }

        var supervisor = await app.SignedInAsync(Demo.Supervisor);
        var notifications = await (await supervisor.GetAsync("/api/v1/notifications?pageSize=100")).JsonAsync();
        notifications.GetProperty("items").EnumerateArray()
            .Where(n => n.GetProperty("caseId").GetString() == id.ToString())
            .Select(n => n.GetProperty("message").GetString())
            .ShouldContain($"SLA breached: first response on {number}");
        var agentView = await (await supervisor.GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        agentView.GetProperty("timeline").EnumerateArray()
            .Count(e => e.GetProperty("body").GetString()!.StartsWith("SLA breached: first response", StringComparison.Ordinal))
            .ShouldBe(1);
        var aliceView = await (await alice.GetAsync($"/api/v1/cases/{id}")).JsonAsync();
        aliceView.GetProperty("timeline").EnumerateArray().ShouldNotContain(e => e.GetProperty("body").GetString()!.StartsWith("SLA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failing_sweep_is_logged_and_retried_without_stopping_the_host_and_the_worker_stops_cleanly()
    {
        var failing = new FailingSweepApp();
        await failing.InitializeAsync();
        SlaSweeperService sweeper;
        try
        {
            sweeper = failing.Services.GetRequiredService<SlaSweeperService>();
            (await sweeper.SweepAsync(CancellationToken.None)).Taken.ShouldBe(0); // the failure is logged, not thrown

            await Task.Delay(TimeSpan.FromSeconds(2.5)); // a few failing ticks
            sweeper.ExecuteTask.ShouldNotBeNull().IsCompleted.ShouldBeFalse();
            (await failing.CreateClient().GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        finally
        {
            await failing.DisposeAsync();
        }

        sweeper.ExecuteTask!.Status.ShouldBe(TaskStatus.RanToCompletion);
    }
}
