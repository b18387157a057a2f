using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common.Models;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Cases;

public sealed class ListCasesFilterTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    /// <summary>A made-up word only this test's cases contain, so the shared database does not get in the way.</summary>
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).Replace('e', 'k');

    private async Task<Guid> Open(string word, string email = Demo.Alice) =>
        (await SendAs<OpenCase.Result>(email, new OpenCase.Command($"Filter case {word}", "Billing", "The details are in the subject."))).Id;

    private Task<Page<CaseSummary>> List(string email, ListCases.Query query) => SendAs<Page<CaseSummary>>(email, query);

    private Task<int> Update(Guid id, Action<UpdateSettersBuilder<Case>> set) =>
        WithDb(db => db.Cases.Where(c => c.Id == id).ExecuteUpdateAsync(set));

    private async Task<Guid> AgentId(string email) => (await Demo.IdentityAsync(App.Services, email)).AgentId!.Value;

    [Fact]
    public async Task The_sla_filter_tells_breached_warning_paused_and_on_time_cases_apart()
    {
        var word = Word();
        var now = DateTimeOffset.UtcNow;
        var (breached, warning, paused, onTime) = (await Open(word), await Open(word), await Open(word), await Open(word));
        await Update(breached, s => s
            .SetProperty(c => c.ResponseWarnAt, now.AddHours(-2)).SetProperty(c => c.ResponseDueAt, now.AddHours(-1))
            .SetProperty(c => c.ResolutionWarnAt, now.AddDays(1)).SetProperty(c => c.ResolutionDueAt, now.AddDays(2)));
        await Update(warning, s => s
            .SetProperty(c => c.ResponseWarnAt, now.AddMinutes(-1)).SetProperty(c => c.ResponseDueAt, now.AddHours(1))
            .SetProperty(c => c.ResolutionWarnAt, now.AddDays(1)).SetProperty(c => c.ResolutionDueAt, now.AddDays(2)));
        await Update(paused, s => s
            .SetProperty(c => c.Status, CaseStatus.PendingSubscriber).SetProperty(c => c.SlaPausedAt, now.AddHours(-1))
            .SetProperty(c => c.ResponseWarnAt, (DateTimeOffset?)null).SetProperty(c => c.ResponseDueAt, (DateTimeOffset?)null)
            .SetProperty(c => c.ResolutionWarnAt, (DateTimeOffset?)null).SetProperty(c => c.ResolutionDueAt, (DateTimeOffset?)null));
        await Update(onTime, s => s
            .SetProperty(c => c.ResponseWarnAt, now.AddHours(1)).SetProperty(c => c.ResponseDueAt, now.AddHours(2))
            .SetProperty(c => c.ResolutionWarnAt, now.AddDays(1)).SetProperty(c => c.ResolutionDueAt, now.AddDays(2)));

        var expected = new Dictionary<string, Guid> { ["breached"] = breached, ["warning"] = warning, ["paused"] = paused, ["ok"] = onTime };
        foreach (var (sla, id) in expected)
        {
            var page = await List(Demo.Agent1, new ListCases.Query(Text: word, Sla: sla));
            page.Items.ShouldHaveSingleItem().Id.ShouldBe(id, $"sla={sla}");
        }

        var all = (await List(Demo.Agent1, new ListCases.Query(Text: word))).Items.ToDictionary(c => c.Id);
        all[breached].Sla.ShouldBe(SlaStanding.Breached);
        all[warning].Sla.ShouldBe(SlaStanding.Warning);
        all[paused].Sla.ShouldBe(SlaStanding.Paused);
        all[paused].SlaDueAt.ShouldBeNull();
        all[onTime].Sla.ShouldBe(SlaStanding.Ok);
        all[onTime].SlaDueAt!.Value.ShouldBe(now.AddHours(2), TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public async Task A_case_the_sweeper_already_marked_breached_stays_breached()
    {
        var word = Word();
        var id = await Open(word);
        await Update(id, s => s.SetProperty(c => c.ResolutionSla, SlaState.Breached));

        (await List(Demo.Agent1, new ListCases.Query(Text: word, Sla: "Breached"))).Items.ShouldHaveSingleItem().Id.ShouldBe(id);
        (await List(Demo.Agent1, new ListCases.Query(Text: word, Sla: "ok"))).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_assignee_filter_finds_my_cases_unassigned_ones_and_a_named_agents()
    {
        var word = Word();
        var (sams, priyas, nobodys) = (await Open(word), await Open(word), await Open(word));
        var sam = await AgentId(Demo.Agent1);
        var priya = await AgentId(Demo.Agent2);
        await Update(sams, s => s.SetProperty(c => c.AssigneeId, sam));
        await Update(priyas, s => s.SetProperty(c => c.AssigneeId, priya));

        (await List(Demo.Agent1, new ListCases.Query(Text: word, Assignee: "me"))).Items.ShouldHaveSingleItem().Id.ShouldBe(sams);
        (await List(Demo.Agent2, new ListCases.Query(Text: word, Assignee: "me"))).Items.ShouldHaveSingleItem().Id.ShouldBe(priyas);
        (await List(Demo.Agent1, new ListCases.Query(Text: word, Assignee: "unassigned"))).Items.ShouldHaveSingleItem().Id.ShouldBe(nobodys);
        var named = (await List(Demo.Agent1, new ListCases.Query(Text: word, Assignee: priya.ToString()))).Items.ShouldHaveSingleItem();
        named.Id.ShouldBe(priyas);
        named.AssigneeName.ShouldBe("Priya Nair");

        // Without the words: every "unassigned" row really is unassigned.
        (await List(Demo.Agent1, new ListCases.Query(Assignee: "unassigned", PageSize: 100))).Items.ShouldAllBe(c => c.AssigneeName == null);
    }

    [Fact]
    public async Task Priority_status_and_words_combine()
    {
        var word = Word();
        var (high, normal, resolvedHigh) = (await Open(word), await Open(word), await Open(word));
        await Update(high, s => s.SetProperty(c => c.Priority, CasePriority.High));
        await Update(resolvedHigh, s => s.SetProperty(c => c.Priority, CasePriority.High));
        await SendAs<ResolveCase.Result>(Demo.Agent1, new ResolveCase.Command(resolvedHigh));

        var highs = await List(Demo.Agent1, new ListCases.Query(Text: word, Priority: "High"));
        var openHighs = await List(Demo.Agent1, new ListCases.Query(Status: "New", Text: word, Priority: "high"));

        highs.Items.Select(c => c.Id).ShouldBe([resolvedHigh, high]);
        openHighs.Items.ShouldHaveSingleItem().Id.ShouldBe(high);
        (await List(Demo.Agent1, new ListCases.Query(Text: word, Priority: "Normal"))).Items.ShouldHaveSingleItem().Id.ShouldBe(normal);
    }

    [Fact]
    public async Task Keyset_paging_with_filters_returns_every_matching_case_once_newest_first()
    {
        var word = Word();
        var ids = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await Open(word, i % 2 == 0 ? Demo.Alice : Demo.Bob));
        }

        var matching = ids.Take(5).ToList();
        foreach (var id in matching)
        {
            await Update(id, s => s.SetProperty(c => c.Priority, CasePriority.High));
        }

        // Two matching cases opened in the same microsecond: the id breaks the tie, so neither is skipped.
        var sameTime = DateTimeOffset.UtcNow.AddMinutes(-5);
        await Update(matching[1], s => s.SetProperty(c => c.CreatedAt, sameTime));
        await Update(matching[2], s => s.SetProperty(c => c.CreatedAt, sameTime));

        var seen = new List<CaseSummary>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await List(Demo.Agent2, new ListCases.Query(Text: word, Priority: "High", Cursor: cursor, PageSize: 2));
            page.Items.Count.ShouldBeLessThanOrEqualTo(2);
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.ShouldBe(3);
        seen.Select(c => c.Id).ShouldBe(matching, ignoreOrder: true);
        seen.Select(c => c.CreatedAt).ShouldBeInOrder(SortDirection.Descending);
    }

    [Fact]
    public async Task Agents_never_see_cases_above_their_tier_whatever_they_filter_by()
    {
        var word = Word();
        var id = await Open(word);
        await Update(id, s => s.SetProperty(c => c.Tier, AgentTier.Supervisor).SetProperty(c => c.Queue, "Supervisor"));

        (await List(Demo.Agent1, new ListCases.Query(Text: word))).Items.ShouldBeEmpty();
        (await List(Demo.Agent3, new ListCases.Query(Queue: "Supervisor", PageSize: 100))).Items.ShouldNotContain(c => c.Id == id);
        (await List(Demo.Agent1, new ListCases.Query(Tier: "Supervisor", PageSize: 100))).Items.ShouldBeEmpty();
        (await List(Demo.Agent1, new ListCases.Query(PageSize: 100))).Items.ShouldAllBe(c => c.Tier == AgentTier.Tier1);
        (await List(Demo.Supervisor, new ListCases.Query(Text: word))).Items.ShouldHaveSingleItem().Id.ShouldBe(id);
    }

    [Fact]
    public async Task A_queues_first_page_is_the_same_list_as_any_other_newest_first_within_the_callers_tiers()
    {
        // Queue only, first page: the compiled statement (ListCases.IsQueueFirstPage); with words or a cursor: the composed one.
        var word = Word();
        var queue = "Q-" + word;
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await Open(word));
        }

        foreach (var id in ids)
        {
            await Update(id, s => s.SetProperty(c => c.Queue, queue));
        }

        var above = ids[^1]; // the newest: on the first page unless the tier filter holds it back
        await Update(above, s => s.SetProperty(c => c.Tier, AgentTier.Supervisor));
        var visible = ids.Where(id => id != above).Reverse().ToList();

        var first = await List(Demo.Agent1, new ListCases.Query(Queue: queue, PageSize: 2));
        var composed = await List(Demo.Agent1, new ListCases.Query(Queue: queue, PageSize: 2, Text: word));
        first.Items.Select(c => c.Id).ShouldBe(visible.Take(2));
        first.Items.ShouldBe(composed.Items);
        first.NextCursor.ShouldBe(composed.NextCursor);

        var seen = first.Items.ToList();
        for (var next = first.NextCursor; next is not null;)
        {
            var page = await List(Demo.Agent1, new ListCases.Query(Queue: queue, PageSize: 2, Cursor: next));
            seen.AddRange(page.Items);
            next = page.NextCursor;
        }

        seen.Select(c => c.Id).ShouldBe(visible);
        seen.ShouldAllBe(c => c.Queue == queue && c.Tier == AgentTier.Tier1 && c.SubscriberName.Length > 0);
        (await List(Demo.Supervisor, new ListCases.Query(Queue: queue, PageSize: 10))).Items.Select(c => c.Id).ShouldBe(ids.AsEnumerable().Reverse());
    }

    [Fact]
    public async Task Unknown_filter_values_are_refused_with_field_messages()
    {
        var refused = await Should.ThrowAsync<ValidationException>(() => List(Demo.Agent1,
            new ListCases.Query(Priority: "Highest", Assignee: "bob", Sla: "late", Text: "x")));

        refused.Errors.ShouldContain(e => e.PropertyName == "Priority" && e.ErrorMessage.Contains("Low, Normal, High, Urgent"));
        refused.Errors.ShouldContain(e => e.PropertyName == "Assignee" && e.ErrorMessage.Contains("unassigned"));
        refused.Errors.ShouldContain(e => e.PropertyName == "Sla" && e.ErrorMessage.Contains("Breached"));
        refused.Errors.ShouldContain(e => e.PropertyName == "Text" && e.ErrorMessage.Contains("at least 2 characters"));
    }
}
