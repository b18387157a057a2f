using HelpDesk.Application.Credits;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Credits;

/// <summary>Supervisors' inboxes are told after a credit request arrives or is decided, and not for credits issued at once.</summary>
public sealed class ApprovalsRealtimeTests(ClaimApp app) : IClassFixture<ClaimApp>
{
    private async Task<T> Send<T>(string email, Mediator.IMessage request) =>
        await Staffing.SendAsync<T>(app.Services, await Demo.IdentityAsync(app.Services, email), request);

    [Fact]
    public async Task Approvals_changed_is_published_when_a_request_waits_and_when_it_is_decided()
    {
        Guid caseId;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            caseId = await db.Cases.Where(c => c.Subject == "Video keeps buffering on my living-room TV").Select(c => c.Id).SingleAsync();
        }

        var start = app.Published.ApprovalsChanged;
        await Send<CreditRequestView>(Demo.Agent1, new IssueCredit.Command(caseId, 1m, "USD", "goodwill"));
        app.Published.ApprovalsChanged.ShouldBe(start);

        var pending = await Send<CreditRequestView>(Demo.Agent1, new IssueCredit.Command(caseId, 11m, "USD", "goodwill"));
        app.Published.ApprovalsChanged.ShouldBe(start + 1);

        await Send<CreditRequestView>(Demo.Supervisor, new RejectCreditRequest.Command(pending.Id, "No"));
        app.Published.ApprovalsChanged.ShouldBe(start + 2);
    }
}
