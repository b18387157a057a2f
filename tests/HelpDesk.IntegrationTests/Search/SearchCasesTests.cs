using FluentValidation;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Models;
using HelpDesk.Application.Search;
using HelpDesk.Domain.Agents;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Search;

public sealed class SearchCasesTests(HelpDeskAppFactory app) : IntegrationTest(app)
{
    /// <summary>A made-up word no other case contains, so each test sees only its own cases.</summary>
    private static string Word() => "zq" + string.Concat(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(8)).Replace('e', 'k');

    private Task<OpenCase.Result> Open(string email, string subject, string description, string category = "Billing") =>
        SendAs<OpenCase.Result>(email, new OpenCase.Command(subject, category, description));

    private Task<Page<CaseSearchHit>> Search(string email, string? q, string? cursor = null, int pageSize = SearchCases.DefaultPageSize) =>
        SendAs<Page<CaseSearchHit>>(email, new SearchCases.Query(q, cursor, pageSize));

    [Fact]
    public async Task Finds_a_case_by_words_in_its_subject_and_marks_them_in_the_snippet()
    {
        var word = Word();
        var opened = await Open(Demo.Alice, $"Charged for {word} twice", "My statement shows two charges.");

        var page = await Search(Demo.Agent1, word);

        var hit = page.Items.ShouldHaveSingleItem();
        hit.CaseId.ShouldBe(opened.Id);
        hit.Number.ShouldBe(opened.Number);
        hit.MatchedIn.ShouldBe(SearchMatchSource.Subject);
        hit.Snippet.ShouldContain(p => p.Match && p.Text.Equals(word, StringComparison.OrdinalIgnoreCase));
        string.Concat(hit.Snippet.Select(p => p.Text)).ShouldBe($"Charged for {word} twice");
    }

    [Fact]
    public async Task Finds_a_case_by_words_in_a_message_body_with_stemming()
    {
        var word = Word();
        var opened = await Open(Demo.Alice, "Money question", $"I would like a refund for the {word} bundle I never used.");

        var plural = await Search(Demo.Agent1, $"refunds {word}");
        var verb = await Search(Demo.Agent1, $"refunded {word}");

        plural.Items.ShouldHaveSingleItem().CaseId.ShouldBe(opened.Id);
        plural.Items[0].MatchedIn.ShouldBe(SearchMatchSource.Message);
        plural.Items[0].Snippet.Where(p => p.Match).Select(p => p.Text.ToLowerInvariant()).ShouldContain("refund");
        verb.Items.ShouldHaveSingleItem().CaseId.ShouldBe(opened.Id);
    }

    [Fact]
    public async Task Only_staff_can_search()
    {
        var word = Word();
        await Open(Demo.Alice, $"Private {word}", "Something personal.");

        await Should.ThrowAsync<ForbiddenException>(() => Search(Demo.Alice, word));
        await Should.ThrowAsync<UnauthenticatedException>(() => Search(null!, word));
    }

    [Fact]
    public async Task Agents_find_only_cases_their_tier_can_work()
    {
        var word = Word();
        var tier3 = await Open(Demo.Bob, $"Someone took over my account {word}", "My email was changed by someone else.", "AccountTakeover");

        (await Search(Demo.Agent1, word)).Items.ShouldBeEmpty();
        (await Search(Demo.Agent2, word)).Items.ShouldBeEmpty();
        (await Search(Demo.Agent3, word)).Items.ShouldHaveSingleItem().CaseId.ShouldBe(tier3.Id);
        (await Search(Demo.Supervisor, word)).Items.ShouldHaveSingleItem().CaseId.ShouldBe(tier3.Id);
    }

    [Fact]
    public async Task Internal_notes_are_searchable_by_staff_but_never_by_subscribers_list_filter()
    {
        var word = Word();
        var opened = await Open(Demo.Alice, "Playback stutters", "It stops every few minutes.");
        await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, $"Matches the {word} CDN incident.", Internal: true));

        var hit = (await Search(Demo.Agent1, word)).Items.ShouldHaveSingleItem();
        hit.CaseId.ShouldBe(opened.Id);
        hit.MatchedIn.ShouldBe(SearchMatchSource.InternalNote);

        var alicesList = await SendAs<Page<CaseSummary>>(Demo.Alice, new ListCases.Query(Text: word));
        alicesList.Items.ShouldBeEmpty();
        var staffList = await SendAs<Page<CaseSummary>>(Demo.Agent1, new ListCases.Query(Text: word));
        staffList.Items.ShouldHaveSingleItem().Id.ShouldBe(opened.Id);
    }

    [Theory]
    [InlineData(null, "Type a word or two")]
    [InlineData("", "Type a word or two")]
    [InlineData("   ", "Type a word or two")]
    [InlineData("a", "at least 2 characters")]
    [InlineData("\"\" - or -", "not only quotes or operators")]
    [InlineData("the and of", "too common")]
    public async Task Bad_queries_are_refused_with_a_clear_message(string? q, string message)
    {
        var refused = await Should.ThrowAsync<ValidationException>(() => Search(Demo.Agent1, q));

        refused.Errors.ShouldContain(e => e.PropertyName == "Q" && e.ErrorMessage.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Too_long_queries_and_forged_cursors_are_refused()
    {
        var tooLong = await Should.ThrowAsync<ValidationException>(() => Search(Demo.Agent1, new string('x', 201)));
        tooLong.Errors.ShouldContain(e => e.PropertyName == "Q" && e.ErrorMessage.Contains("at most 200"));

        var forged = await Should.ThrowAsync<ValidationException>(() => Search(Demo.Agent1, "refund", "not-a-cursor"));
        forged.Errors.ShouldContain(e => e.PropertyName == "Cursor");
    }

    [Theory]
    [InlineData("'); DROP TABLE cases; --")]
    [InlineData("refund' OR '1'='1")]
    [InlineData("a:* & !b | (c <-> d")]
    [InlineData("\\\\ %_ $1 ::tsquery")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("refund \u200B\u202E zero")]
    [InlineData("café 🎉 ñandú")]
    public async Task Hostile_input_is_only_ever_text(string q)
    {
        var before = await WithDb(db => db.Cases.CountAsync());

        var page = await Search(Demo.Agent1, q);

        page.Items.ShouldNotBeNull();
        (await WithDb(db => db.Cases.CountAsync())).ShouldBe(before);
    }

    [Theory]
    [InlineData("refund\0 zero")]
    [InlineData("refund\u0001 zero")]
    public async Task Control_characters_in_a_query_are_refused_with_a_message_and_change_nothing(string q)
    {
        var before = await WithDb(db => db.Cases.CountAsync());

        var refused = await Should.ThrowAsync<ValidationException>(() => Search(Demo.Agent1, q));

        refused.Errors.ShouldContain(e => e.PropertyName == "Q" && e.ErrorMessage.Contains("must not contain"));
        (await WithDb(db => db.Cases.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task Snippets_are_plain_text_so_stored_markup_is_never_rendered()
    {
        var word = Word();
        var body = $"Forwarded from the old system [[hl00]] {word} [[/hl00]] <img src=x onerror=alert(1)> please check the attached order";
        await Open(Demo.Alice, "Odd email", body);

        var hit = (await Search(Demo.Agent1, word)).Items.ShouldHaveSingleItem();

        // Only the real match is marked; a forged highlight mark and markup stay text taken from the stored body
        // (the page encodes it, the API returns it as a JSON string).
        hit.Snippet.Where(p => p.Match).Select(p => p.Text).ShouldBe([word]);
        hit.Snippet.SelectMany(p => p.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ShouldAllBe(piece => body.Contains(piece));
        string.Concat(hit.Snippet.Select(p => p.Text)).ShouldContain("hl00]]");
    }

    [Fact]
    public async Task Results_page_with_a_cursor_and_never_repeat_a_case()
    {
        var word = Word();
        var opened = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            opened.Add((await Open(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Case {i} about {word}", i == 0 ? $"{word} {word} {word}" : "Details.")).Id);
        }

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await Search(Demo.Agent1, word, cursor, pageSize: 2);
            seen.AddRange(page.Items.Select(h => h.CaseId));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null && pages < 10);

        pages.ShouldBe(3);
        seen.ShouldBe(opened, ignoreOrder: true);
        seen.Distinct().Count().ShouldBe(5);
    }

    /// <summary>PostgresCaseSearch.RecentCandidates: for a common word, the newest this many matches per source are ranked.</summary>
    private const int RecentCandidates = 25;

    /// <summary>Refreshes the statistics the search reads to tell a common word (autovacuum does this in a running system).</summary>
    private Task<int> Analyze() => WithDb(db => db.Database.ExecuteSqlRawAsync("ANALYZE cases, interactions"));

    private async Task<List<CaseSearchHit>> AllPages(string email, string q)
    {
        var hits = new List<CaseSearchHit>();
        string? cursor = null;
        do
        {
            var page = await Search(email, q, cursor);
            hits.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null && hits.Count < 500);

        return hits;
    }

    [Fact]
    public async Task A_word_in_many_messages_shows_its_newest_matching_cases_newest_first()
    {
        var word = Word();
        var opened = new List<Guid>();
        for (var i = 0; i < RecentCandidates + 15; i++)
        {
            opened.Add((await Open(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"Playback question {i}", $"The {word} player stops after a while.")).Id);
        }

        await Analyze();
        var hits = await AllPages(Demo.Supervisor, word);

        // Every match ranks the same, so the newest case comes first; the 15 oldest are beyond the newest 25 matches.
        hits.Select(h => h.CaseId).ShouldBe(opened.AsEnumerable().Reverse().Take(RecentCandidates).ToList());
        hits.ShouldAllBe(h => h.MatchedIn == SearchMatchSource.Message);
    }

    [Fact]
    public async Task A_common_word_still_ranks_subject_matches_above_newer_message_matches()
    {
        var word = Word();
        var inSubject = new List<Guid>();
        for (var i = 0; i < RecentCandidates + 5; i++)
        {
            inSubject.Add((await Open(i % 2 == 0 ? Demo.Alice : Demo.Bob, $"The {word} keeps stopping", "Every evening.")).Id);
        }

        for (var i = 0; i < RecentCandidates + 5; i++)
        {
            await Open(i % 2 == 0 ? Demo.Alice : Demo.Bob, "Playback question", $"Since the update the {word} stops.");
        }

        await Analyze();
        var first = await Search(Demo.Supervisor, word);

        first.Items.Count.ShouldBe(SearchCases.DefaultPageSize);
        first.Items.ShouldAllBe(h => h.MatchedIn == SearchMatchSource.Subject);
        first.Items.Select(h => h.CaseId).ShouldBe(inSubject.AsEnumerable().Reverse().Take(SearchCases.DefaultPageSize).ToList());
    }

    [Fact]
    public async Task Internal_notes_with_a_common_word_stay_hidden_from_a_search_without_internal_access()
    {
        var word = Word();
        var opened = await Open(Demo.Alice, "Playback stutters", "It stops every few minutes.");
        for (var i = 0; i < RecentCandidates + 5; i++)
        {
            await SendAs<TimelineEntry>(Demo.Agent1, new AddMessage.Command(opened.Id, $"Note {i}: the {word} CDN again.", Internal: true));
        }

        await Analyze();
        await using var scope = App.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<ICaseSearch>();
        AgentTier[] tiers = [AgentTier.Tier1, AgentTier.Tier2, AgentTier.Tier3, AgentTier.Supervisor];

        var hidden = await search.SearchAsync(new CaseSearchRequest(word, tiers, IncludeInternal: false, 0, 21), CancellationToken.None);
        var shown = await search.SearchAsync(new CaseSearchRequest(word, tiers, IncludeInternal: true, 0, 21), CancellationToken.None);

        hidden.Hits.ShouldBeEmpty();
        var hit = shown.Hits.ShouldHaveSingleItem();
        hit.CaseId.ShouldBe(opened.Id);
        hit.MatchedIn.ShouldBe(SearchMatchSource.InternalNote);
    }

    [Fact]
    public async Task Two_common_words_that_rarely_meet_still_find_the_older_case_holding_both()
    {
        var (first, second) = (Word(), Word());
        var both = await Open(Demo.Alice, "Playback question", $"The {first} box shows {second} lines.");
        for (var i = 0; i < RecentCandidates + 5; i++)
        {
            await Open(Demo.Bob, "Playback question", $"The {first} box restarts.");
            await Open(Demo.Alice, "Playback question", $"Grey {second} lines on the screen.");
        }

        await Analyze();
        var hits = await AllPages(Demo.Supervisor, $"{first} {second}");

        hits.ShouldHaveSingleItem().CaseId.ShouldBe(both.Id);
    }
    [Fact]
    public async Task The_search_plans_once_in_its_own_transaction_and_leaves_the_connection_as_it_found_it()
    {
        var word = Word();
        var opened = await Open(Demo.Alice, $"The {word} box", "Nothing plays.");
        await using var scope = App.Services.CreateAsyncScope();
        var search = scope.ServiceProvider.GetRequiredService<ICaseSearch>();
        var db = scope.ServiceProvider.GetRequiredService<HelpDesk.Infrastructure.Persistence.HelpDeskDbContext>();
        AgentTier[] tiers = [AgentTier.Tier1, AgentTier.Tier2, AgentTier.Tier3, AgentTier.Supervisor];
        async Task<string> PlanCacheMode() =>
            (await db.Database.SqlQueryRaw<string>("SELECT current_setting('plan_cache_mode') AS \"Value\"").ToListAsync()).Single();

        await db.Database.OpenConnectionAsync();
        var alone = await search.SearchAsync(new CaseSearchRequest(word, tiers, IncludeInternal: true, 0, 21), CancellationToken.None);
        var after = await PlanCacheMode();
        // Searched again on the same connection, the statement is prepared (auto-prepare) and every execution uses its
        // generic plan: PostgreSQL's own count says so (with plan_cache_mode = auto the first five would be custom plans).
        for (var i = 0; i < 4; i++)
        {
            await search.SearchAsync(new CaseSearchRequest(Word(), tiers, IncludeInternal: true, 0, 21), CancellationToken.None);
        }

        var plans = (await db.Database.SqlQueryRaw<PlanCounts>(
            "SELECT generic_plans AS \"Generic\", custom_plans AS \"Custom\" FROM pg_prepared_statements WHERE statement LIKE '%recent_subjects AS MATERIALIZED%'")
            .ToListAsync()).ShouldHaveSingleItem();
        // Inside a caller's transaction the search runs in it and changes no setting of that transaction.
        var strategy = db.Database.CreateExecutionStrategy();
        var (inside, during) = await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var hits = await search.SearchAsync(new CaseSearchRequest(word, tiers, IncludeInternal: true, 0, 21), CancellationToken.None);
            var mode = await PlanCacheMode();
            await transaction.RollbackAsync();
            return (hits, mode);
        });
        await db.Database.CloseConnectionAsync();

        alone.Hits.ShouldHaveSingleItem().CaseId.ShouldBe(opened.Id);
        after.ShouldBe("auto");
        inside.Hits.ShouldHaveSingleItem().CaseId.ShouldBe(opened.Id);
        during.ShouldBe("auto");
        plans.Custom.ShouldBe(0);
        plans.Generic.ShouldBeGreaterThanOrEqualTo(3);
    }

    private sealed record PlanCounts(long Generic, long Custom);
}
