using HelpDesk.Application.Chat;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Sla;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.Infrastructure.Persistence.Migrations;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.IntegrationTests.Sla;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Case = HelpDesk.Domain.Cases.Case;

namespace HelpDesk.IntegrationTests.Chat;

/// <summary>
/// A chat's case tells the truth (issue 15): no case, clock or queue entry until the subscriber writes; an agent ending a
/// chat stops the response clock; a day of such chats raises no breach and no escalation.
/// </summary>
public sealed class ChatLifecycleTests(ClockedAppFactory app) : ClockedIntegrationTest<ClockedAppFactory>(app)
{
    private static string Language() => "x" + (char)('a' + Random.Shared.Next(26)) + "-" + Guid.NewGuid().ToString("N")[..6];

    private Task<int> CasesOfAsync(string email) =>
        WithDb(db => db.Cases.CountAsync(c => c.Subscriber!.Email == email));

    private Task<int> EscalationsAsync(Guid caseId) =>
        WithDb(db => db.AuditEvents.CountAsync(a => a.CaseId == caseId && a.Action == "case.escalated"));

    [Fact]
    public async Task Opening_the_chat_widget_without_typing_opens_no_case_and_a_day_later_nothing_has_breached_or_escalated()
    {
        var before = await CasesOfAsync(Demo.Bob);
        var guestChat = await SendAs<StartChatResult>(null, new StartChat.Command("Gwen Guest", "gwen-widget@example.net", Language()));
        var started = await SendAs<StartChatResult>(Demo.Bob, new StartChat.Command(Language: Language()));

        started.Chat.CaseId.ShouldBeNull();
        started.Chat.CaseNumber.ShouldBeNull();
        started.Chat.Messages.ShouldHaveSingleItem().AuthorKind.ShouldBe(ChatAuthorKind.Assistant, "the assistant still greets");
        guestChat.Chat.CaseId.ShouldBeNull();
        (await CasesOfAsync(Demo.Bob)).ShouldBe(before);
        (await CasesOfAsync("gwen-widget@example.net")).ShouldBe(0);
        var queue = await SendAs<ChatQueueView>(Demo.Agent1, new ListChatQueue.Query());
        queue.Chats.ShouldNotContain(c => c.Id == started.Chat.Id || c.Id == guestChat.Chat.Id);

        // The subscriber closes the widget; a day passes with the sweepers running.
        await SendAs<ChatView>(Demo.Bob, new EndChat.Command(started.Chat.Id));
        for (var hour = 0; hour < 24; hour++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            await SweepAsync();
        }

        (await CasesOfAsync(Demo.Bob)).ShouldBe(before);
        (await WithDb(db => db.ChatConversations.CountAsync(c => (c.Id == started.Chat.Id || c.Id == guestChat.Chat.Id) && c.CaseId != null))).ShouldBe(0);
    }

    [Fact]
    public async Task The_first_message_opens_the_case_with_the_greeting_before_it_on_the_timeline()
    {
        var started = await SendAs<StartChatResult>(Demo.Alice, new StartChat.Command(Language: Language()));
        await SendAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "My picture freezes on the TV"));

        var view = await SendAs<ChatView>(Demo.Alice, new GetChat.Query(started.Chat.Id));
        var caseId = view.CaseId.ShouldNotBeNull();
        view.CaseNumber.ShouldNotBeNull().ShouldStartWith("HD-");
        var timeline = await TimelineAsync(caseId);
        var greeting = timeline.FindIndex(i => i.AuthorKind == AuthorKind.Bot);
        var words = timeline.FindIndex(i => i.AuthorKind == AuthorKind.Subscriber && i.Body == "My picture freezes on the TV");
        greeting.ShouldBeGreaterThanOrEqualTo(0);
        words.ShouldBeGreaterThan(greeting);
        timeline.ShouldNotContain(i => i.Body == "Started a live chat.", "no made-up subscriber words");
        (await WithDb(db => db.ChatMessages.CountAsync(m => m.ConversationId == started.Chat.Id && m.InteractionId == null))).ShouldBe(0);
        (await CaseAsync(caseId)).ResponseDueAt.ShouldNotBeNull("now a subscriber waits for an answer");
        (await AuditAsync(caseId)).Count(a => a.Action == "case.opened").ShouldBe(1);
    }

    [Theory]
    [InlineData(ChatEndOutcome.WaitForSubscriber, CaseStatus.PendingSubscriber)]
    [InlineData(ChatEndOutcome.Resolve, CaseStatus.Resolved)]
    public async Task An_answered_chat_the_agent_ends_stops_the_clock_and_thanks_and_a_rating_raise_no_breach_or_escalation(
        ChatEndOutcome outcome, CaseStatus expected)
    {
        var language = Language();
        var agent = await Staffing.AgentAsync(App.Services, "Nia", AgentTier.Tier1);
        var started = await SendAs<StartChatResult>(Demo.Alice, new StartChat.Command(Language: language));
        await SendAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "How do I change my plan?"));
        var queued = await SendAs<ChatView>(Demo.Alice, new AskForPerson.Command(started.Chat.Id));
        var caseId = queued.CaseId.ShouldNotBeNull();
        await Staffing.SendAsync<ChatView>(App.Services, agent, new AcceptChat.Command(started.Chat.Id));
        await Staffing.SendAsync<ChatAck>(App.Services, agent, new SendAgentChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "Account, Plan, Change: pick Premium."));
        await SendAs<ChatAck>(Demo.Alice, new SendChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "Thanks, done!"));
        (await CaseAsync(caseId)).ResponseDueAt.ShouldNotBeNull("the thanks starts the next-response clock while the chat is open");

        var ended = await Staffing.SendAsync<ChatView>(App.Services, agent, new EndChat.StaffCommand(started.Chat.Id, outcome));
        await SendAs<ChatView>(Demo.Alice, new RateChat.Command(started.Chat.Id, 5, "Thanks, very quick"));

        ended.State.ShouldBe(ChatState.Ended);
        var @case = await CaseAsync(caseId);
        @case.Status.ShouldBe(expected);
        @case.ResponseDueAt.ShouldBeNull();
        @case.ResponseClockStartedAt.ShouldBeNull();
        Clock.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync();
        Clock.Advance(TimeSpan.FromDays(1));
        await SweepAsync();

        @case = await CaseAsync(caseId);
        @case.ResponseSla.ShouldBe(SlaState.Ok);
        @case.ResolutionSla.ShouldBe(SlaState.Ok);
        @case.Tier.ShouldBe(AgentTier.Tier1);
        @case.AssigneeId.ShouldBe(agent.AgentId, "the agent who answered keeps it");
        (await EscalationsAsync(caseId)).ShouldBe(0);
        (await TimelineAsync(caseId)).ShouldNotContain(i => i.Body.StartsWith("SLA breached", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_guests_first_message_at_the_start_opens_their_case()
    {
        var email = $"new.{Guid.NewGuid():N}@example.net";
        var started = await SendAs<StartChatResult>(null, new StartChat.Command("Gil Guest", email, Language(), FirstMessage: "I can't sign in"));

        var caseId = started.Chat.CaseId.ShouldNotBeNull();
        (await TimelineAsync(caseId)).ShouldContain(i => i.AuthorKind == AuthorKind.Subscriber && i.Body == "I can't sign in");
        (await CasesOfAsync(email)).ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_the_subscriber_ends_unanswered_stays_in_its_queue_with_its_clock()
    {
        var started = await SendAs<StartChatResult>(Demo.Bob, new StartChat.Command(Language: Language()));
        await SendAs<ChatAck>(Demo.Bob, new SendChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "Nobody answers the phone"));
        var queued = await SendAs<ChatView>(Demo.Bob, new AskForPerson.Command(started.Chat.Id));
        var caseId = queued.CaseId.ShouldNotBeNull();
        var due = (await CaseAsync(caseId)).ResponseDueAt.ShouldNotBeNull();

        await SendAs<ChatView>(Demo.Bob, new EndChat.Command(started.Chat.Id));

        var @case = await CaseAsync(caseId);
        @case.Status.ShouldBe(CaseStatus.New);
        @case.ResponseDueAt.ShouldBe(due);
        @case.Queue.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task The_migration_closes_chat_cases_that_never_had_a_subscriber_message_with_a_line_on_the_timeline()
    {
        // Cases the old way: the widget opened a case at once. One stayed empty, one where Alice wrote.
        Guid empty, written;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>();
            var alice = await db.Subscribers.SingleAsync(s => s.Email == Demo.Alice);
            var now = Clock.UtcNow;
            var emptyCase = Case.Open(await db.NextCaseNumberAsync(default), alice, Domain.Channels.Channel.Chat, CaseCategory.Other, "Live chat", "Started a live chat.", now);
            var writtenCase = Case.Open(await db.NextCaseNumberAsync(default), alice, Domain.Channels.Channel.Chat, CaseCategory.Other, "Live chat", "Started a live chat.", now);
            db.Cases.AddRange(emptyCase, writtenCase);
            var emptyChat = ChatConversation.Start(emptyCase.Id, alice.Id, alice.FirstName, "en", now);
            var writtenChat = ChatConversation.Start(writtenCase.Id, alice.Id, alice.FirstName, "en", now);
            db.ChatConversations.AddRange(emptyChat, writtenChat);
            db.ChatMessages.Add(emptyChat.NextMessage(ChatAuthorKind.Assistant, null, "Virtual assistant", "Hello!", now));
            db.ChatMessages.Add(writtenChat.NextMessage(ChatAuthorKind.Subscriber, alice.Id, alice.FirstName, "I was charged twice", now));
            db.Interactions.Add(writtenCase.AddChatSubscriberMessage(alice.Id, alice.FirstName, "I was charged twice", now));
            await db.SaveChangesAsync();
            (empty, written) = (emptyCase.Id, writtenCase.Id);
            await db.Database.ExecuteSqlRawAsync(ChatCaseOnFirstMessage.ClosesEmptyChatCases);
        }

        var closed = await CaseAsync(empty);
        closed.Status.ShouldBe(CaseStatus.Closed);
        closed.ResponseDueAt.ShouldBeNull();
        closed.AttentionAt.ShouldBeNull();
        (await TimelineAsync(empty)).ShouldContain(i => i.Visibility == Visibility.Public && i.Body.Contains("nothing was written", StringComparison.Ordinal));
        (await AuditAsync(empty)).ShouldContain(a => a.Action == "case.status_changed" && a.Data!.Contains("empty-chat"));
        (await WithDb(db => db.ChatConversations.Where(c => c.CaseId == empty).Select(c => c.State).SingleAsync())).ShouldBe(ChatState.Ended);
        (await CaseAsync(written)).Status.ShouldBe(CaseStatus.New);
    }
}
