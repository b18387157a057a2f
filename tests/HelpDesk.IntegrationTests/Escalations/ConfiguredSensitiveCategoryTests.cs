using HelpDesk.Application.Cases;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Escalations;

/// <summary>The app with Billing configured as an extra sensitive category.</summary>
public sealed class BillingSensitiveAppFactory : HelpDeskAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("HelpDesk:Escalation:SensitiveCategories:0", "Billing");
    }
}

public sealed class ConfiguredSensitiveCategoryTests(BillingSensitiveAppFactory app) : IClassFixture<BillingSensitiveAppFactory>
{
    [Fact]
    public async Task A_configured_sensitive_category_goes_to_tier3_as_urgent_on_open_and_on_category_change_naming_the_rule()
    {
        var opened = await Send<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Charged twice", "Billing", "Two charges."));
        var moved = await Send<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Buffering", "Playback", "Stops."));
        await Send<CaseState>(Demo.Agent1, new ChangeCaseCategory.Command(moved.Id, "Billing"));

        foreach (var id in new[] { opened.Id, moved.Id })
        {
            var @case = await WithDb(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == id));
            @case.Tier.ShouldBe(AgentTier.Tier3);
            @case.Priority.ShouldBe(CasePriority.Urgent);
            (await WithDb(db => db.EscalationRequests.AsNoTracking().Where(r => r.CaseId == id).Select(r => r.Rule).ToListAsync()))
                .ShouldBe(["sensitive-category"]);
        }
    }

    private async Task<T> Send<T>(string email, Mediator.IMessage request)
    {
        var identity = await Demo.IdentityAsync(app.Services, email);
        return await HelpDesk.IntegrationTests.Queues.Staffing.SendAsync<T>(app.Services, identity, request);
    }

    private async Task<T> WithDb<T>(Func<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext>());
    }
}
