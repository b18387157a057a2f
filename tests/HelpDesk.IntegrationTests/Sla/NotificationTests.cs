using HelpDesk.Application.Common;
using HelpDesk.Application.Notifications;
using HelpDesk.Domain.Common;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.IntegrationTests.Sla;

public sealed class NotificationTests(ClockedAppFactory app) : ClockedIntegrationTest<ClockedAppFactory>(app)
{
    private async Task<List<Guid>> NotifyAsync(string email, int count, string kind = "sla.breached")
    {
        var agentId = await AgentIdAsync(email);
        var start = Clock.UtcNow;
        var created = Enumerable.Range(0, count)
            .Select(i => Notification.Create(agentId, null, kind, $"{kind} #{i} for {email}", start.AddSeconds(i)))
            .ToList();
        Clock.Advance(TimeSpan.FromSeconds(count)); // later notifications are newer than these
        await WithDb(async db =>
        {
            db.Notifications.AddRange(created);
            return await db.SaveChangesAsync();
        });
        return created.Select(n => n.Id).ToList();
    }

    [Fact]
    public async Task Staff_see_only_their_own_notifications_newest_first_page_by_page_with_the_unread_count()
    {
        var unreadBefore = await SendAs<int>(Demo.Agent2, new CountUnreadNotifications.Query());
        var mine = await NotifyAsync(Demo.Agent2, 5);
        await NotifyAsync(Demo.Agent3, 2);

        var first = await SendAs<NotificationPage>(Demo.Agent2, new ListNotifications.Query(PageSize: 3));
        var second = await SendAs<NotificationPage>(Demo.Agent2, new ListNotifications.Query(first.NextCursor, PageSize: 3));

        first.UnreadCount.ShouldBe(unreadBefore + 5);
        first.Items.Count.ShouldBe(3);
        first.NextCursor.ShouldNotBeNull();
        first.Items.Concat(second.Items).Take(5).Select(n => n.Id).ShouldBe(Enumerable.Reverse(mine));
        first.Items.Concat(second.Items).ShouldAllBe(n => n.Message.EndsWith(Demo.Agent2, StringComparison.Ordinal));
        first.Items.ShouldAllBe(n => !n.IsRead);
    }

    [Fact]
    public async Task Marking_read_works_on_your_own_notification_and_someone_elses_is_not_found()
    {
        var mine = await NotifyAsync(Demo.Agent1, 2);
        var theirs = (await NotifyAsync(Demo.Supervisor, 1)).Single();

        var read = await SendAs<MarkNotificationRead.Result>(Demo.Agent1, new MarkNotificationRead.Command(mine[0]));
        await Should.ThrowAsync<NotFoundException>(() => SendAs<MarkNotificationRead.Result>(Demo.Agent1, new MarkNotificationRead.Command(theirs)));
        await Should.ThrowAsync<ForbiddenException>(() => SendAs<MarkNotificationRead.Result>(Demo.Alice, new MarkNotificationRead.Command(mine[1])));

        read.Id.ShouldBe(mine[0]);
        (await WithDb(db => db.Notifications.SingleAsync(n => n.Id == mine[0]))).ReadAt.ShouldBe(read.ReadAt);
        (await WithDb(db => db.Notifications.SingleAsync(n => n.Id == theirs))).ReadAt.ShouldBeNull();
        var unread = await SendAs<NotificationPage>(Demo.Agent1, new ListNotifications.Query(UnreadOnly: true));
        unread.Items.Select(n => n.Id).ShouldBe([mine[1]]);
        unread.UnreadCount.ShouldBe(read.UnreadCount);
        (await SendAs<int>(Demo.Agent1, new CountUnreadNotifications.Query())).ShouldBe(1);
    }

    [Fact]
    public async Task Mark_all_read_touches_only_your_own()
    {
        await NotifyAsync(Demo.Agent2, 3, "followup.missed");
        var theirs = await NotifyAsync(Demo.Agent3, 2, "followup.missed");

        var result = await SendAs<MarkAllNotificationsRead.Result>(Demo.Agent2, new MarkAllNotificationsRead.Command());

        result.Marked.ShouldBeGreaterThanOrEqualTo(3);
        (await SendAs<int>(Demo.Agent2, new CountUnreadNotifications.Query())).ShouldBe(0);
        (await WithDb(db => db.Notifications.Where(n => theirs.Contains(n.Id)).ToListAsync())).ShouldAllBe(n => n.ReadAt == null);
    }
}
