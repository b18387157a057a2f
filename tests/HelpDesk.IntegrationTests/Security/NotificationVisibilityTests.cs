using HelpDesk.Application.Cases;
using HelpDesk.Application.Notifications;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Security;

/// <summary>Issue 14: notifications never tell an agent about a case that moved above their tier.</summary>
public sealed class NotificationVisibilityTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    private Task<Guid> AgentId(string email) => WithDb(db => db.Agents.Where(a => a.Email == email).Select(a => a.Id).SingleAsync());

    [Fact]
    public async Task Once_a_case_moves_above_an_agents_tier_their_old_notifications_show_neither_its_subject_nor_its_category()
    {
        const string Subject = "Strangers keep messaging my kid's profile";
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command(Subject, "Playback", "It started last week."));
        var sam = await AgentId(Demo.Agent1);
        await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(opened.Id, sam));
        var before = await SendAs<NotificationPage>(Demo.Agent1, new ListNotifications.Query(PageSize: 100));
        before.Items.ShouldContain(n => n.CaseId == opened.Id && n.Message.Contains(Subject));

        await SendAs<CaseState>(Demo.Agent2, new ChangeCaseCategory.Command(opened.Id, "ChildSafety"));

        var after = await SendAs<NotificationPage>(Demo.Agent1, new ListNotifications.Query(PageSize: 100));
        var texts = string.Join("\n", after.Items.Select(n => $"{n.Message} {n.CaseId} {n.CaseNumber}"));
        texts.ShouldNotContain(Subject);
        texts.ShouldNotContain("Child");
        // Only the "no longer with you" notice still points at the case: Sam held it and keeps its read-only view (issue 15).
        after.Items.Where(n => n.CaseId == opened.Id).ShouldHaveSingleItem().Kind.ShouldBe(ListNotifications.HeldCaseNotice);
        after.Items.Count(n => n.Message == ListNotifications.MovedOutOfReach).ShouldBe(1); // "gave you"
        after.UnreadCount.ShouldBe(before.UnreadCount + 1);

        // Whoever may open the case still reads the stored text.
        var storedTexts = await WithDb(db => db.Notifications.AsNoTracking().Where(n => n.CaseId == opened.Id && n.AgentId == sam).Select(n => n.Message).ToListAsync());
        storedTexts.ShouldContain(m => m.Contains(Subject));
    }

    [Fact]
    public async Task The_unassigned_notice_for_a_case_moved_into_a_sensitive_category_does_not_name_the_category()
    {
        var opened = await SendAs<OpenCase.Result>(Demo.Alice, new OpenCase.Command("Court papers arrived", "Billing", "About my account."));
        var sam = await AgentId(Demo.Agent1);
        await SendAs<CaseState>(Demo.Agent2, new AssignCase.Command(opened.Id, sam));

        await SendAs<CaseState>(Demo.Agent2, new ChangeCaseCategory.Command(opened.Id, "Legal"));

        var stored = await WithDb(db => db.Notifications.AsNoTracking().SingleAsync(n => n.CaseId == opened.Id && n.AgentId == sam && n.Kind == "case.unassigned"));
        stored.Message.ShouldNotContain("Legal");
        stored.Message.ShouldNotContain("Tier3");
    }
}
