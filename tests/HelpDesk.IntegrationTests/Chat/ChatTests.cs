using HelpDesk.Application.Callbacks;
using HelpDesk.Application.Chat;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Domain.Common;
using HelpDesk.Infrastructure.Persistence;
using HelpDesk.IntegrationTests.Queues;
using HelpDesk.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace HelpDesk.IntegrationTests.Chat;

public sealed class ChatTests(ClockedAppFactory app) : IClassFixture<ClockedAppFactory>
{
    private static readonly TestIdentity Anonymous = new();
    private static readonly TestIdentity Sweeper = new() { Name = "system:chat-sweeper", Roles = [Roles.SystemWorker] };

    private async Task<T> As<T>(string email, Mediator.IMessage request) => await Staffing.SendAsync<T>(app.Services, await Demo.IdentityAsync(app.Services, email), request);

    private Task<T> As<T>(TestIdentity who, Mediator.IMessage request) => Staffing.SendAsync<T>(app.Services, who, request);

    private async Task<T> Db<T>(Func<HelpDeskDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<HelpDeskDbContext>());
    }

    /// <summary>A language of its own per test, so each test's queue holds only its own chats.</summary>
    private static string Language() => "x" + (char)('a' + Random.Shared.Next(26)) + "-" + Guid.NewGuid().ToString("N")[..6];

    private async Task<ChatView> QueuedAsync(string email, string language)
    {
        var chat = (await As<StartChatResult>(email, new StartChat.Command(Language: language))).Chat;
        return await As<ChatView>(email, new AskForPerson.Command(chat.Id));
    }

    private async Task<(ChatView Chat, string Token)> GuestQueuedAsync(string language, string email = "guest@example.net")
    {
        var started = await As<StartChatResult>(Anonymous, new StartChat.Command("Gwen Guest", email, language));
        var view = await As<ChatView>(Anonymous, new AskForPerson.Command(started.Chat.Id, started.AccessToken));
        return (view, started.AccessToken!);
    }

    [Fact]
    public async Task The_labelled_assistant_greets_first_and_the_subscribers_first_message_opens_a_chat_case()
    {
        var result = await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: "en"));

        result.AccessToken.ShouldBeNull();
        var chat = result.Chat;
        chat.State.ShouldBe(ChatState.WithAssistant);
        chat.IsGuest.ShouldBeFalse();
        chat.CaseId.ShouldBeNull("opening the widget is not a contact");
        var greeting = chat.Messages.ShouldHaveSingleItem();
        greeting.Seq.ShouldBe(1);
        greeting.AuthorKind.ShouldBe(ChatAuthorKind.Assistant);
        greeting.DisplayName.ShouldBe(VirtualAssistant.Label);
        greeting.OffersPerson.ShouldBeTrue();

        await As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "Where is my invoice?"));
        var caseId = (await As<ChatView>(Demo.Alice, new GetChat.Query(chat.Id))).CaseId.ShouldNotBeNull();
        var (channel, timeline, audit) = await Db(async db => (
            await db.Cases.Where(c => c.Id == caseId).Select(c => c.Channel).SingleAsync(),
            await db.Interactions.Where(i => i.CaseId == caseId).ToListAsync(),
            await db.AuditEvents.Where(a => a.CaseId == caseId || a.EntityId == chat.Id.ToString()).Select(a => a.Action).ToListAsync()));
        channel.ShouldBe(Channel.Chat);
        timeline.ShouldContain(i => i.AuthorKind == AuthorKind.Bot && i.AuthorName == VirtualAssistant.Label && i.Channel == Channel.Chat);
        audit.ShouldContain("case.opened");
        audit.ShouldContain("chat.started");
    }

    [Fact]
    public async Task Asking_for_a_person_queues_the_chat_with_its_transcript_on_the_case_a_position_and_an_estimated_wait()
    {
        var language = Language();
        var chat = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: language))).Chat;
        var ack = await As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "My payment failed yesterday"));
        ack.Seq.ShouldBe(2);

        var first = await As<ChatView>(Demo.Alice, new AskForPerson.Command(chat.Id));
        first.State.ShouldBe(ChatState.Queued);
        first.Position.ShouldBe(1);
        first.EstimatedWaitSeconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(0);
        first.Language.ShouldBe(language);
        first.Tier.ShouldBe(AgentTier.Tier1);

        var second = await QueuedAsync(Demo.Bob, language);
        second.Position.ShouldBe(2);
        var again = await As<ChatView>(Demo.Alice, new GetChat.Query(chat.Id, ack.Seq));
        again.Position.ShouldBe(1);
        again.Messages.ShouldAllBe(m => m.Seq > ack.Seq);
        again.Messages.Select(m => m.Seq).ShouldBe(Enumerable.Range((int)ack.Seq + 1, again.Messages.Count).Select(i => (long)i));

        var timeline = await Db(db => db.Interactions.Where(i => i.CaseId == first.CaseId && i.Channel == Channel.Chat).Select(i => i.Body).ToListAsync());
        timeline.ShouldContain("My payment failed yesterday");
        (await Db(db => db.AuditEvents.CountAsync(a => a.CaseId == first.CaseId && a.Action == "chat.queued"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_sensitive_intent_hands_off_at_once_to_tier_3_and_tier_1_cannot_take_it()
    {
        var chat = (await As<StartChatResult>(Demo.Bob, new StartChat.Command(Language: Language()))).Chat;
        await As<ChatAck>(Demo.Bob, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "Someone hacked my account and changed my password"));

        var view = await As<ChatView>(Demo.Bob, new GetChat.Query(chat.Id));
        view.State.ShouldBe(ChatState.Queued);
        view.Tier.ShouldBe(AgentTier.Tier3);
        view.Category.ShouldBe(CaseCategory.AccountTakeover);
        var @case = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == view.CaseId));
        @case.Tier.ShouldBe(AgentTier.Tier3);
        @case.Category.ShouldBe(CaseCategory.AccountTakeover);

        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Demo.Agent1, new AcceptChat.Command(chat.Id)));
        var tier1Queue = await As<ChatQueueView>(Demo.Agent1, new ListChatQueue.Query());
        tier1Queue.Chats.ShouldNotContain(c => c.Id == chat.Id);

        var accepted = await As<ChatView>(Demo.Agent3, new AcceptChat.Command(chat.Id));
        accepted.State.ShouldBe(ChatState.WithAgent);
        accepted.AgentName.ShouldNotBeNull().ShouldContain("Tier 3");
        accepted.Messages.ShouldContain(m => m.AuthorKind == ChatAuthorKind.Subscriber, "the agent sees the assistant transcript");
    }

    [Fact]
    public async Task A_retried_send_with_the_same_client_message_id_is_stored_once_and_gets_the_same_ack()
    {
        var chat = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: Language()))).Chat;
        await As<ChatView>(Demo.Alice, new AskForPerson.Command(chat.Id));
        var id = Guid.NewGuid();

        var first = await As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, id, "Are you there?"));
        var retry = await As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, id, "Are you there?"));

        retry.Seq.ShouldBe(first.Seq);
        retry.At.ShouldBe(first.At);
        retry.Duplicate.ShouldBeTrue();
        first.Duplicate.ShouldBeFalse();
        (await Db(db => db.ChatMessages.CountAsync(m => m.ConversationId == chat.Id && m.ClientMessageId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task An_oversized_or_empty_message_is_refused_with_a_clear_error_and_changes_nothing()
    {
        var chat = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: Language()))).Chat;
        var error = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), new string('a', 2001))));
        error.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("A chat message has at most 2,000 characters; this one has 2,001.");
        var empty = await Should.ThrowAsync<FluentValidation.ValidationException>(() =>
            As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "   ")));
        empty.Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe("Write a message first.");
        (await Db(db => db.ChatMessages.CountAsync(m => m.ConversationId == chat.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Two_agents_accepting_the_same_chat_at_once_exactly_one_wins_and_the_other_is_told_who()
    {
        var language = Language();
        for (var round = 0; round < 5; round++)
        {
            var chat = await QueuedAsync(Demo.Alice, language);
            var a = await Staffing.AgentAsync(app.Services, "Ann", AgentTier.Tier1);
            var b = await Staffing.AgentAsync(app.Services, "Ben", AgentTier.Tier1);
            var attempts = await Task.WhenAll(
                Task.Run(() => Try(a, chat.Id)),
                Task.Run(() => Try(b, chat.Id)));

            attempts.Count(r => r is ChatView).ShouldBe(1);
            var loser = attempts.OfType<DomainRuleException>().ShouldHaveSingleItem();
            loser.Code.ShouldBe("chat.already_accepted");
            loser.Message.ShouldContain("accepted this chat first");
        }

        async Task<object> Try(TestIdentity who, Guid chatId)
        {
            try
            {
                return await As<ChatView>(who, new AcceptChat.Command(chatId));
            }
            catch (DomainRuleException ex)
            {
                return ex;
            }
        }
    }

    [Fact]
    public async Task An_agent_cannot_accept_more_chats_than_their_chat_capacity()
    {
        var language = Language();
        var agent = await Staffing.AgentAsync(app.Services, "Cap", AgentTier.Tier1);
        for (var i = 0; i < 3; i++)
        {
            var chat = await QueuedAsync(Demo.Alice, language);
            await As<ChatView>(agent, new AcceptChat.Command(chat.Id));
        }

        var fourth = await QueuedAsync(Demo.Bob, language);
        var refused = await Should.ThrowAsync<DomainRuleException>(() => As<ChatView>(agent, new AcceptChat.Command(fourth.Id)));
        refused.Code.ShouldBe("chat.capacity");
        (await As<ChatQueueView>(agent, new ListChatQueue.Query())).Active.ShouldBe(3);
        (await As<IReadOnlyList<ChatView>>(agent, new ListMyChats.Query())).Count.ShouldBe(3);

        // Ending one frees a slot.
        var mine = await As<IReadOnlyList<ChatView>>(agent, new ListMyChats.Query());
        await As<ChatView>(agent, new EndChat.StaffCommand(mine[0].Id));
        (await As<ChatView>(agent, new AcceptChat.Command(fourth.Id))).State.ShouldBe(ChatState.WithAgent);
    }

    [Fact]
    public async Task The_agent_replies_live_as_a_public_reply_that_stops_the_response_clock()
    {
        var chat = await QueuedAsync(Demo.Alice, Language());
        var agent = await Staffing.AgentAsync(app.Services, "Rita", AgentTier.Tier1);
        await Should.ThrowAsync<DomainRuleException>(() => As<ChatAck>(agent, new SendAgentChatMessage.Command(chat.Id, Guid.NewGuid(), "Hi")));
        await As<ChatView>(agent, new AcceptChat.Command(chat.Id));

        var ack = await As<ChatAck>(agent, new SendAgentChatMessage.Command(chat.Id, Guid.NewGuid(), "Hi Alice, I can see your messages. Let me check."));

        var view = await As<ChatView>(Demo.Alice, new GetChat.Query(chat.Id, ack.Seq - 1));
        var message = view.Messages[0];
        message.AuthorKind.ShouldBe(ChatAuthorKind.Agent);
        message.DisplayName.ShouldBe("Rita (Tier 1 agent)");
        var @case = await Db(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == chat.CaseId));
        @case.FirstRespondedAt.ShouldNotBeNull();
        @case.AssigneeId.ShouldBe(agent.AgentId);
        @case.Status.ShouldBe(CaseStatus.Open);
    }

    [Fact]
    public async Task Transfer_to_an_agent_or_to_a_tier_keeps_the_note_as_an_internal_note()
    {
        var language = Language();
        var chat = await QueuedAsync(Demo.Alice, language);
        var first = await Staffing.AgentAsync(app.Services, "Tom", AgentTier.Tier1);
        var second = await Staffing.AgentAsync(app.Services, "Una", AgentTier.Tier1);
        var outsider = await Staffing.AgentAsync(app.Services, "Vic", AgentTier.Tier1);
        await As<ChatView>(first, new AcceptChat.Command(chat.Id));

        await Should.ThrowAsync<ForbiddenException>(() => As<ChatView>(outsider, new TransferChat.Command(chat.Id, second.AgentId, null, "Mine now")));
        var toAgent = await As<ChatView>(first, new TransferChat.Command(chat.Id, second.AgentId, null, "Billing question, card declined twice."));
        toAgent.State.ShouldBe(ChatState.WithAgent);
        toAgent.AgentId.ShouldBe(second.AgentId);

        var toTier = await As<ChatView>(second, new TransferChat.Command(chat.Id, null, AgentTier.Tier2, "Needs a refund decision."));
        toTier.State.ShouldBe(ChatState.Queued);
        toTier.Tier.ShouldBe(AgentTier.Tier2);
        toTier.AgentId.ShouldBeNull();
        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(first, new AcceptChat.Command(chat.Id)));

        var notes = await Db(db => db.Interactions.Where(i => i.CaseId == chat.CaseId && i.Visibility == Visibility.Internal).Select(i => i.Body).ToListAsync());
        notes.ShouldContain(n => n.Contains("Billing question, card declined twice.", StringComparison.Ordinal));
        notes.ShouldContain(n => n.Contains("Needs a refund decision.", StringComparison.Ordinal));
        (await Db(db => db.Cases.Where(c => c.Id == chat.CaseId).Select(c => c.Tier).SingleAsync())).ShouldBe(AgentTier.Tier2);
        (await Db(db => db.AuditEvents.CountAsync(a => a.CaseId == chat.CaseId && a.Action == "chat.transferred"))).ShouldBe(2);
    }

    [Fact]
    public async Task Nobody_accepting_in_time_offers_a_callback_or_email_and_the_case_stays_open()
    {
        var language = Language();
        var emailChat = await QueuedAsync(Demo.Alice, language);
        var callbackChat = await QueuedAsync(Demo.Bob, language);
        await Should.ThrowAsync<DomainRuleException>(() =>
            As<ChatView>(Demo.Alice, new ChooseChatFallback.Command(emailChat.Id, ChatFallbackChoice.Email)));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await As<int>(Sweeper, new OfferChatFallbacks.Command())).ShouldBe(0);
        app.Clock.Advance(TimeSpan.FromMinutes(1.5));
        (await As<int>(Sweeper, new OfferChatFallbacks.Command())).ShouldBeGreaterThanOrEqualTo(2);

        var offered = await As<ChatView>(Demo.Alice, new GetChat.Query(emailChat.Id));
        offered.State.ShouldBe(ChatState.FallbackOffered);
        offered.FallbackReason.ShouldBe(ChatFallbackReason.NoAgentInTime);
        offered.Position.ShouldBe(1, "it stays in the queue while the subscriber decides");

        var byEmail = await As<ChatView>(Demo.Alice, new ChooseChatFallback.Command(emailChat.Id, ChatFallbackChoice.Email));
        byEmail.State.ShouldBe(ChatState.Ended);
        byEmail.FallbackChoice.ShouldBe(ChatFallbackChoice.Email);
        (await Db(db => db.Cases.Where(c => c.Id == emailChat.CaseId).Select(c => c.Status).SingleAsync())).ShouldNotBeOneOf(CaseStatus.Resolved, CaseStatus.Closed);

        var tomorrow = DateOnly.FromDateTime(app.Clock.UtcNow.UtcDateTime).AddDays(1);
        var byPhone = await As<ChatView>(Demo.Bob, new ChooseChatFallback.Command(callbackChat.Id, ChatFallbackChoice.Callback,
            new CallbackChoice("+44 20 7946 0958", tomorrow, new TimeOnly(9, 0), new TimeOnly(11, 0), "Europe/London", null)));
        byPhone.FallbackChoice.ShouldBe(ChatFallbackChoice.Callback);
        var callback = await Db(db => db.Callbacks.AsNoTracking().SingleAsync(c => c.CaseId == callbackChat.CaseId));
        callback.Status.ShouldBe(HelpDesk.Domain.Callbacks.CallbackStatus.Waiting);
        (await Db(db => db.AuditEvents.CountAsync(a => a.CaseId == callbackChat.CaseId && a.Action == "chat.fallback_offered"))).ShouldBe(1);
    }

    [Fact]
    public async Task A_chat_is_rated_once_and_only_after_it_ends()
    {
        var chat = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: Language()))).Chat;
        (await Should.ThrowAsync<DomainRuleException>(() => As<ChatView>(Demo.Alice, new RateChat.Command(chat.Id, 5)))).Code.ShouldBe("chat.not_ended");
        var ended = await As<ChatView>(Demo.Alice, new EndChat.Command(chat.Id));
        ended.CanRate.ShouldBeTrue();
        await Should.ThrowAsync<FluentValidation.ValidationException>(() => As<ChatView>(Demo.Alice, new RateChat.Command(chat.Id, 6)));

        var rated = await As<ChatView>(Demo.Alice, new RateChat.Command(chat.Id, 4, "Quick and kind"));
        rated.Rating.ShouldBe(4);
        rated.RatingComment.ShouldBe("Quick and kind");
        rated.CanRate.ShouldBeFalse();
        (await Should.ThrowAsync<DomainRuleException>(() => As<ChatView>(Demo.Alice, new RateChat.Command(chat.Id, 1)))).Code.ShouldBe("chat.already_rated");
        await Should.ThrowAsync<DomainRuleException>(() => As<ChatAck>(Demo.Alice, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "hello?")));
    }

    [Fact]
    public async Task Nobody_else_can_see_or_act_in_a_chat_and_forged_ids_are_not_found()
    {
        var chat = await QueuedAsync(Demo.Alice, Language());

        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Demo.Bob, new GetChat.Query(chat.Id)));
        await Should.ThrowAsync<NotFoundException>(() => As<ChatAck>(Demo.Bob, new SendChatMessage.Command(chat.Id, Guid.NewGuid(), "hi")));
        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Anonymous, new GetChat.Query(chat.Id, 0, "not-the-token")));
        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Demo.Alice, new GetChat.Query(Guid.NewGuid())));
        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Demo.Agent1, new GetChat.StaffQuery(Guid.NewGuid())));
        // Staff use the staff side; subscribers cannot use it.
        await Should.ThrowAsync<ForbiddenException>(() => As<ChatView>(Demo.Bob, new AcceptChat.Command(chat.Id)));
        await Should.ThrowAsync<ForbiddenException>(() => As<StartChatResult>(Demo.Agent1, new StartChat.Command()));
        (await As<ChatView>(Demo.Agent1, new GetChat.StaffQuery(chat.Id))).Id.ShouldBe(chat.Id);
    }

    [Fact]
    public async Task A_guest_is_an_unverified_contact_with_a_token_only_for_their_chat()
    {
        var email = $"guest.{Guid.NewGuid():N}@example.net";
        var started = await As<StartChatResult>(Anonymous, new StartChat.Command("Gwen Guest", email, "en"));

        var token = started.AccessToken.ShouldNotBeNull();
        token.Length.ShouldBeGreaterThanOrEqualTo(40);
        started.Chat.IsGuest.ShouldBeTrue();
        started.Chat.DisplayName.ShouldBe("Gwen Guest");
        var contact = await Db(db => db.Subscribers.AsNoTracking().SingleAsync(s => s.Email == email));
        contact.UserId.ShouldBeNull();
        var stored = await Db(db => db.ChatConversations.AsNoTracking().SingleAsync(c => c.Id == started.Chat.Id));
        stored.AccessTokenHash.ShouldNotBe(token);
        stored.AccessTokenHash.ShouldBe(ChatConversation.HashToken(token));

        (await As<ChatView>(Anonymous, new GetChat.Query(started.Chat.Id, 0, token))).Messages.ShouldNotBeEmpty();
        (await As<ChatAck>(Anonymous, new SendChatMessage.Command(started.Chat.Id, Guid.NewGuid(), "How do I reset my password?", token))).Seq.ShouldBe(2);
        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Anonymous, new GetChat.Query(started.Chat.Id, 0, token + "x")));

        var missing = await Should.ThrowAsync<FluentValidation.ValidationException>(() => As<StartChatResult>(Anonymous, new StartChat.Command()));
        missing.Errors.Select(e => e.PropertyName).ShouldBe(["GuestName", "GuestEmail"], ignoreOrder: true);
    }

    [Fact]
    public async Task A_guest_using_a_subscribers_email_gets_no_access_to_that_account_and_the_subscriber_not_to_the_guest_chat()
    {
        var (chat, token) = await GuestQueuedAsync(Language(), Demo.Alice);
        chat.IsGuest.ShouldBeTrue();

        await Should.ThrowAsync<NotFoundException>(() => As<ChatView>(Demo.Alice, new GetChat.Query(chat.Id)));
        // The guest cannot ask for a callback on the account either.
        (await As<ChatView>(Anonymous, new GetChat.Query(chat.Id, 0, token))).IsGuest.ShouldBeTrue();
        var agent = await Staffing.AgentAsync(app.Services, "Wes", AgentTier.Tier1);
        var queue = await As<ChatQueueView>(agent, new ListChatQueue.Query());
        queue.Chats.ShouldContain(c => c.Id == chat.Id && c.IsGuest);
    }

    [Fact]
    public async Task A_subscriber_may_continue_their_open_case_in_a_chat_but_not_someone_elses()
    {
        var own = (await As<StartChatResult>(Demo.Alice, new StartChat.Command(Language: Language(), FirstMessage: "My download fails"))).Chat;
        own.CaseId.ShouldNotBeNull();
        var joined = await As<StartChatResult>(Demo.Alice, new StartChat.Command(CaseId: own.CaseId));
        joined.Chat.CaseId.ShouldBe(own.CaseId);
        joined.Chat.Id.ShouldNotBe(own.Id);

        await Should.ThrowAsync<NotFoundException>(() => As<StartChatResult>(Demo.Bob, new StartChat.Command(CaseId: own.CaseId)));
    }
}
