using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Cases;

/// <summary>
/// A row added to a tracked aggregate saves itself (keys are made by the app, ADR 0118): no handler has to remember an
/// extra <c>Add</c>, and the case's concurrency check is unchanged.
/// </summary>
public sealed class ChildRowTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private async Task<Guid> Open(string subject) =>
        (await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command(subject, "Playback", "The picture freezes."))).Id;

    [Fact]
    public async Task A_reply_added_through_the_case_alone_is_stored()
    {
        var id = await Open("Reply through the aggregate");

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var @case = await db.Cases.SingleAsync(c => c.Id == id);
            var agent = await db.Agents.SingleAsync(a => a.Email == Demo.Agent1);
            @case.AddAgentReply(agent, "Please try restarting the app.", DateTimeOffset.UtcNow);
            @case.PromiseFollowUp(agent, DateTimeOffset.UtcNow.AddDays(1), "Check the picture again.", DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var stored = await WithDb(db => db.Interactions.AsNoTracking().Where(i => i.CaseId == id).OrderBy(i => i.CreatedAt).ToListAsync());
        stored.ShouldContain(i => i.Body == "Please try restarting the app." && i.AuthorKind == AuthorKind.Agent && i.Visibility == Visibility.Public);
        (await WithDb(db => db.FollowUps.AsNoTracking().CountAsync(f => f.CaseId == id && f.Note == "Check the picture again."))).ShouldBe(1);
    }

    [Fact]
    public async Task A_reply_sent_as_a_command_is_stored_once()
    {
        var id = await Open("Reply through the command");

        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(id, "We are looking into it."));

        (await WithDb(db => db.Interactions.AsNoTracking().CountAsync(i => i.CaseId == id && i.Body == "We are looking into it."))).ShouldBe(1);
    }

    [Fact]
    public async Task Two_people_changing_the_same_case_at_once_still_conflict_and_the_loser_stores_nothing()
    {
        var id = await Open("Concurrent replies");

        await using var first = App.Services.CreateAsyncScope();
        await using var second = App.Services.CreateAsyncScope();
        var db1 = first.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var db2 = second.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
        var case1 = await db1.Cases.SingleAsync(c => c.Id == id);
        var case2 = await db2.Cases.SingleAsync(c => c.Id == id);
        var sam = await db1.Agents.SingleAsync(a => a.Email == Demo.Agent1);
        var priya = await db2.Agents.SingleAsync(a => a.Email == Demo.Agent2);

        case1.AddAgentReply(sam, "Sam answers first.", DateTimeOffset.UtcNow);
        await db1.SaveChangesAsync();
        case2.AddAgentReply(priya, "Priya answers from a stale page.", DateTimeOffset.UtcNow);
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db2.SaveChangesAsync());

        var bodies = await WithDb(db => db.Interactions.AsNoTracking().Where(i => i.CaseId == id).Select(i => i.Body).ToListAsync());
        bodies.ShouldContain("Sam answers first.");
        bodies.ShouldNotContain("Priya answers from a stale page.");
    }
}
