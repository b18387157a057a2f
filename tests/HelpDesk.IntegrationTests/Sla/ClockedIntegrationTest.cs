using HelpDesk.Application.Cases;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Mediator;
using Case = HelpDesk.Domain.Cases.Case;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Sla;

/// <summary>Use-case tests on their own database whose clock the test moves forward (SLA deadlines, reopen window).</summary>
public abstract class ClockedIntegrationTest<TFactory>(TFactory app) : IClassFixture<TFactory>
    where TFactory : ClockedAppFactory
{
    protected TFactory App { get; } = app;

    protected TestClock Clock => App.Clock;

    protected async Task<TResponse> SendAs<TResponse>(string? email, IMessage request)
    {
        var identity = email is null ? new TestIdentity() : await Demo.IdentityAsync(App.Services, email);
        using (TestIdentity.As(identity))
        {
            await using var scope = App.Services.CreateAsyncScope();
            return (TResponse)(await scope.ServiceProvider.GetRequiredService<IMediator>().Send((object)request))!;
        }
    }

    protected async Task<T> WithDb<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    protected Task<SweepSla.Result> SweepAsync(int batchSize = SweepSla.DefaultBatchSize) => App.Services.SweepUntilDoneAsync(batchSize);

    protected async Task<Guid> OpenAsync(string subscriber, string subject = "Buffering on the TV") =>
        (await SendAs<OpenCase.Result>(subscriber, new OpenCase.Command(subject, "Playback", "It stops every few minutes."))).Id;

    protected Task<TimelineEntry> WriteAsync(string author, Guid caseId, string body, bool @internal = false) =>
        SendAs<TimelineEntry>(author, new AddMessage.Command(caseId, body, @internal));

    protected Task<Case> CaseAsync(Guid id) =>
        WithDb(db => db.Cases.AsNoTracking().Include(c => c.FollowUps).SingleAsync(c => c.Id == id));

    protected Task<List<Interaction>> TimelineAsync(Guid caseId) =>
        WithDb(db => db.Interactions.AsNoTracking().Where(i => i.CaseId == caseId).OrderBy(i => i.CreatedAt).ToListAsync());

    protected Task<List<Notification>> NotificationsAsync(Guid caseId) =>
        WithDb(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == caseId).ToListAsync());

    protected Task<List<AuditEvent>> AuditAsync(Guid caseId) =>
        WithDb(db => db.AuditEvents.AsNoTracking().Where(a => a.CaseId == caseId).OrderBy(a => a.Id).ToListAsync());

    protected Task<Guid> AgentIdAsync(string email) => WithDb(db => db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    protected Task<List<Guid>> SupervisorIdsAsync() =>
        WithDb(db => db.Agents.Where(a => a.Tier == Domain.Agents.AgentTier.Supervisor).Select(a => a.Id).ToListAsync());

    /// <summary>A case that arrived by email (its own queue, Email-Tier1), stored the way the inbound channel stores one.</summary>
    protected async Task<Guid> OpenByEmailAsync(string subscriberEmail, string subject)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var subscriber = await db.Subscribers.SingleAsync(s => s.Email == subscriberEmail);
        var @case = Case.Open(await db.NextCaseNumberAsync(default), subscriber, Channel.Email, CaseCategory.Playback, subject, "Sent by email.", Clock.UtcNow);
        db.Cases.Add(@case);
        await scope.ServiceProvider.GetRequiredService<SlaClock>().RefreshChangedCasesAsync(default);
        await db.SaveChangesAsync();
        return @case.Id;
    }

    /// <summary>An agent's dated promise ("I'll get back to you by …"), made through the domain as the follow-up page will.</summary>
    protected async Task<Guid> PromiseFollowUpAsync(Guid caseId, string agentEmail, DateTimeOffset dueAt)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var @case = await db.Cases.Include(c => c.FollowUps).SingleAsync(c => c.Id == caseId);
        var agent = await db.Agents.SingleAsync(a => a.Email == agentEmail);
        var promise = @case.PromiseFollowUp(agent, dueAt, "I will check with the TV team and write back.", Clock.UtcNow);
        db.FollowUps.Add(promise);
        db.Interactions.Add(@case.Interactions[^1]);
        await db.SaveChangesAsync();
        return promise.Id;
    }

    protected async Task AssignAsync(Guid caseId, string agentEmail)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var @case = await db.Cases.SingleAsync(c => c.Id == caseId);
        @case.Assign(await db.Agents.SingleAsync(a => a.Email == agentEmail), Clock.UtcNow);
        await db.SaveChangesAsync();
    }
}
