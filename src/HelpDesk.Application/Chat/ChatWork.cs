using HelpDesk.Application.Agents;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Escalations;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Chat.Assistant;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace HelpDesk.Application.Chat;

/// <summary>
/// What the chat use cases share: locking a conversation, saying something in it (numbered, mirrored onto the case's
/// timeline, queued for the live push), the handoff to the human queue, and the views.
/// </summary>
public sealed class ChatWork(
    IHelpDeskDb db, ICurrentUser user, IClock clock, IOptions<ChatOptions> options, Escalator escalator, ChatFeed feed, ChatQueueReader queue,
    CaseRouter router, Incidents.IncidentAssistant incidents, ChatParticipantCheck participant)
{
    public ChatOptions Options => options.Value;

    /// <summary>Known problems (open incidents) the assistant mentions first (ADR 0115).</summary>
    public Incidents.IncidentAssistant Incidents => incidents;

    public DateTimeOffset Now => clock.UtcNow;

    /// <summary>
    /// Loads the chat for change with a row lock (<c>FOR UPDATE</c>): sends are numbered and accepts decided one at a time.
    /// A participant's command (<see cref="Common.Security.IChatParticipantLockedCommand"/>) checks its caller on this row.
    /// </summary>
    public async Task<ChatConversation> LockAsync(Guid chatId, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.WithoutDetecting<ChatConversation>().FirstOrDefault(e => e.Entity.Id == chatId);
        if (tracked is not null)
        {
            tracked.State = EntityState.Detached;
        }

        var chat = (await db.ChatConversations.FromSql($"SELECT *, xmin FROM chat_conversations WHERE id = {chatId} FOR UPDATE").ToListAsync(cancellationToken))
            .SingleOrDefault() ?? throw ChatAccess.NotFound(chatId);
        await participant.OnLockedAsync(chat, cancellationToken);
        return chat;
    }

    /// <summary>The chat's case; only for chats that reached a person's queue (those always have one).</summary>
    public async Task<Case> CaseOfAsync(ChatConversation chat, CancellationToken cancellationToken) =>
        await FindCaseAsync(chat, cancellationToken) ?? throw ChatAccess.NotFound(chat.Id);

    /// <summary>
    /// The chat's case, or null while the subscriber has not written anything yet. Read with a row lock (<c>FOR UPDATE</c>),
    /// after the chat's: the command writes the case anyway (a message on its timeline), so the lock is the one its
    /// <c>UPDATE</c> would take, only earlier — the SLA sweeper (<c>SKIP LOCKED</c>) passes the case by instead of changing it
    /// between this read and that update, which refused the message as a conflict (ADR 0129).
    /// </summary>
    public async Task<Case?> FindCaseAsync(ChatConversation chat, CancellationToken cancellationToken) =>
        chat.CaseId is { } caseId
            ? db.ChangeTracker.WithoutDetecting<Case>().Select(e => e.Entity).FirstOrDefault(c => c.Id == caseId)
                ?? (await db.Cases.FromSql($"SELECT *, xmin FROM cases WHERE id = {caseId} FOR UPDATE").Include(c => c.FollowUps).ToListAsync(cancellationToken))
                    .Single()
            : null;

    // Every chat message (ADR 0126) sends the statement below: compiled once, it skips building the expression, extracting
    // its parameters and the query-cache look-up (ADR 0122). IHelpDeskDb is the app's DbContext. (EF does not compile
    // FromSql, so the two locking reads above are not.)

    private static readonly Func<DbContext, Guid, Guid, CancellationToken, Task<ChatAck?>> StoredAck =
        EF.CompileAsyncQuery((DbContext db, Guid chatId, Guid clientMessageId, CancellationToken _) => db.Set<ChatMessage>().AsNoTracking()
            .Where(m => m.ConversationId == chatId && m.ClientMessageId == clientMessageId)
            .Select(m => new ChatAck(chatId, clientMessageId, m.Seq, m.CreatedAt, true)).SingleOrDefault());

    /// <summary>
    /// The subscriber's first message (or "talk to a person") is the first contact: now the chat's case opens, routed like
    /// any case, with <paramref name="firstWords"/> as the subscriber's opening entry, and what the assistant said before
    /// is copied onto its timeline. Before this nothing of the chat is in any queue or under any SLA clock.
    /// </summary>
    public async Task<(Case Case, Interaction FirstWords)> OpenCaseAsync(ChatConversation chat, string firstWords, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A guest's contact may have been created in this same command (not saved yet).
        var subscriber = db.ChangeTracker.Entries<Subscriber>().Select(e => e.Entity).FirstOrDefault(s => s.Id == chat.SubscriberId)
            ?? await db.Subscribers.SingleAsync(s => s.Id == chat.SubscriberId, cancellationToken);
        var number = await db.NextCaseNumberAsync(cancellationToken);
        var placement = await router.PlaceAsync(Channel.Chat, CaseCategory.Other, chat.Language, CasePriority.Normal, cancellationToken);
        var @case = Case.Open(number, subscriber, Channel.Chat, CaseCategory.Other, "Live chat", firstWords, now, placement: placement);
        db.Cases.Add(@case);
        chat.AttachCase(@case.Id, now);
        db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.opened", "case", @case.Id.ToString(), @case.Id,
            AuditData.Of(("channel", null, nameof(Channel.Chat)), ("tier", null, @case.Tier.ToString()), ("queue", null, @case.Queue),
                ("rule", null, placement.Rule), ("chat", null, chat.Id.ToString()))));

        // The chat so far (the start and the assistant's greeting) goes on the timeline at the times it happened.
        @case.AddChatEvent(
            chat.IsGuest ? $"Live chat started by a guest, {chat.DisplayName} <{chat.GuestEmail}> (email not verified)." : "Live chat started.",
            Visibility.Internal, chat.CreatedAt);
        var earlier = await db.ChatMessages.Where(m => m.ConversationId == chat.Id && m.InteractionId == null).OrderBy(m => m.Seq).ToListAsync(cancellationToken);
        earlier.AddRange(db.ChangeTracker.WithoutDetecting<ChatMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.ConversationId == chat.Id && e.Entity.InteractionId == null).Select(e => e.Entity));
        foreach (var message in earlier.DistinctBy(m => m.Seq).OrderBy(m => m.Seq))
        {
            var interaction = message.AuthorKind switch
            {
                ChatAuthorKind.Assistant => @case.AddChatAssistantMessage(message.DisplayName, TimelineText(message.Text, message.Steps), message.CreatedAt),
                _ => @case.AddChatEvent(message.Text, Visibility.Public, message.CreatedAt),
            };
            message.LinkInteraction(interaction.Id);
        }

        return (@case, @case.Interactions[0]);
    }

    /// <summary>A message already stored under this client message id (a retried send), as its ack.</summary>
    public Task<ChatAck?> FindDuplicateAsync(Guid chatId, Guid clientMessageId, CancellationToken cancellationToken) =>
        StoredAck((DbContext)db, chatId, clientMessageId, cancellationToken);

    /// <summary>The subscriber's (or guest's) words: in the chat and on the case timeline. The first ones open the case.</summary>
    public async Task<(ChatMessage Message, Case Case)> SaySubscriberAsync(
        ChatConversation chat, Case? @case, string text, Guid? clientMessageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = chat.NextMessage(ChatAuthorKind.Subscriber, chat.SubscriberId, chat.DisplayName, text, now, clientMessageId);
        Interaction interaction;
        if (@case is null)
        {
            (@case, interaction) = await OpenCaseAsync(chat, message.Text, now, cancellationToken);
            feed.QueueHasChanged();
        }
        else
        {
            interaction = @case.AddChatSubscriberMessage(chat.SubscriberId, chat.DisplayName, message.Text, now);
        }

        return (Store(message, interaction), @case);
    }

    /// <summary>The assistant's turn, labelled, with its steps.</summary>
    public ChatMessage SayAssistant(ChatConversation chat, Case? @case, AssistantReply reply, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reply);
        // The label is fixed here too: whatever the engine returns, an assistant message is never shown under a person's name.
        var label = VirtualAssistant.Label;
        var text = reply.Text.Length > ChatConversation.MaxMessageLength ? reply.Text[..ChatConversation.MaxMessageLength] : reply.Text;
        var steps = reply.Steps.Select(s => new ChatStep(s.Instruction, s.Why)).ToList();
        var message = chat.NextMessage(ChatAuthorKind.Assistant, null, label, text, now, steps: steps, offersPerson: true);
        return Store(message, @case?.AddChatAssistantMessage(label, TimelineText(message.Text, steps), now));
    }

    private static string TimelineText(string text, List<ChatStep> steps)
    {
        var timeline = steps.Count == 0 ? text
            : text + "\n" + string.Join("\n", steps.Select((s, i) => $"{i + 1}. {s.Instruction} — why: {s.Why}"));
        return timeline.Length > Case.MaxBodyLength ? timeline[..Case.MaxBodyLength] : timeline;
    }

    public ChatMessage SayAgent(ChatConversation chat, Case @case, Agent agent, string text, Guid? clientMessageId, DateTimeOffset now)
    {
        var message = chat.NextMessage(ChatAuthorKind.Agent, agent.Id, Case.AgentLabel(agent), text, now, clientMessageId);
        var interaction = @case.AddChatAgentMessage(agent, message.Text, now);
        return Store(message, interaction);
    }

    /// <summary>A chat event both sides see ("You are in the queue", "Sam joined the chat").</summary>
    public ChatMessage SaySystem(ChatConversation chat, Case? @case, string text, DateTimeOffset now)
    {
        var message = chat.NextMessage(ChatAuthorKind.System, null, "HelpDesk", text, now);
        return Store(message, @case?.AddChatEvent(message.Text, Visibility.Public, now));
    }

    /// <summary>
    /// Puts the chat in the human queue. The tier is the case's, after the escalation rule moved a sensitive category
    /// to Tier 3; the language is the chat's. Outside staffed hours the fallback is offered at once.
    /// </summary>
    public async Task HandOffAsync(ChatConversation chat, Case @case, string why, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (chat.Category is { } category && @case.CategorizeFromChat(category, now))
        {
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.category_changed", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("category", null, category.ToString()), ("rule", null, "chat-assistant"))));
            await escalator.OnSensitiveCategoryAsync(@case, @case.Tier, user.AsActor(), now, cancellationToken);
        }

        var staffed = Options.StaffedHours.ToHours().IsStaffed(now);
        chat.Queue(@case.Tier, @case.Priority, staffed, now);
        db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "chat.queued", "chat", chat.Id.ToString(), @case.Id,
            AuditData.Of(("state", nameof(ChatState.WithAssistant), nameof(ChatState.Queued)), ("tier", null, @case.Tier.ToString()),
                ("language", null, chat.Language), ("why", null, why))));
        SaySystem(chat, @case, "You are in the queue for a person. They will see everything you wrote here, so there is no need to repeat it.", now);
        if (chat.State == ChatState.FallbackOffered)
        {
            OfferedFallback(chat, @case, now);
        }

        feed.QueueHasChanged();
    }

    /// <summary>Tells the subscriber about the callback / email choice and audits it (the chat is already in that state).</summary>
    public void OfferedFallback(ChatConversation chat, Case @case, DateTimeOffset now)
    {
        db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "chat.fallback_offered", "chat", chat.Id.ToString(), @case.Id,
            AuditData.Of(("state", nameof(ChatState.Queued), nameof(ChatState.FallbackOffered)), ("reason", null, chat.FallbackReason?.ToString()))));
        SaySystem(chat, @case, chat.FallbackReason == ChatFallbackReason.OutsideStaffedHours
            ? "Our team is not answering chats right now. You can keep waiting, or choose a phone callback or an answer by email; your case stays open either way."
            : "Sorry for the wait: nobody has been free to take your chat yet. You can keep waiting, or choose a phone callback or an answer by email; your case stays open either way.", now);
    }

    public void StateChanged(ChatView view) => feed.Add(new ChatStateChanged(view with { Messages = [] }));

    public void QueueChanged() => feed.QueueHasChanged();

    public void Assigned(Guid agentId, ChatView view) => feed.Add(new ChatAssigned(agentId, view with { Messages = [] }));

    public void Audit(ChatConversation chat, string action, params (string Field, string? Before, string? After)[] changes) =>
        db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), action, "chat", chat.Id.ToString(), chat.CaseId, AuditData.Of(changes)));

    /// <summary>Chats the agent holds now (for capacity).</summary>
    public Task<int> ActiveChatsAsync(Guid agentId, CancellationToken cancellationToken) =>
        db.ChatConversations.CountAsync(c => c.AgentId == agentId && c.State == ChatState.WithAgent, cancellationToken);

    /// <summary>Locks the agent's row: one agent's accepts and incoming transfers are counted against capacity one at a time.</summary>
    public async Task<Agent> LockAgentAsync(Guid agentId, CancellationToken cancellationToken) =>
        await db.LockAgentAsync(agentId, cancellationToken)
            ?? throw new ForbiddenException("That account has no agent profile.");

    public async Task<ChatView> ViewAsync(ChatConversation chat, long afterSeq, CancellationToken cancellationToken, bool withMessages = true)
    {
        var number = chat.CaseId is not { } caseId ? null
            : db.ChangeTracker.WithoutDetecting<Case>().Where(e => e.Entity.Id == caseId).Select(e => (long?)e.Entity.Number).FirstOrDefault()
                ?? await db.Cases.Where(c => c.Id == caseId).Select(c => (long?)c.Number).SingleAsync(cancellationToken);
        var stored = withMessages
            ? await db.ChatMessages.AsNoTracking().Where(m => m.ConversationId == chat.Id && m.Seq > afterSeq).OrderBy(m => m.Seq).ToListAsync(cancellationToken)
            : [];
        // Messages of this command are not saved yet; they are tracked.
        var pending = db.ChangeTracker.WithoutDetecting<ChatMessage>()
            .Where(e => e.State == EntityState.Added && e.Entity.ConversationId == chat.Id && e.Entity.Seq > afterSeq).Select(e => e.Entity);
        var messages = withMessages ? stored.Concat(pending).DistinctBy(m => m.Seq).OrderBy(m => m.Seq).Select(MessageView).ToList() : [];
        int? position = null;
        int? wait = null;
        if (chat.IsWaiting)
        {
            var snapshot = await queue.ReadAsync(cancellationToken);
            if (snapshot.Find(chat.Id) is { } mine)
            {
                position = mine.Position;
                wait = (int)mine.EstimatedWait.TotalSeconds;
            }
            else
            {
                // Queued in this command (not saved yet): last in its queue.
                var ahead = snapshot.Chats.Count(c => c.Tier == chat.QueueTier && c.Language == chat.Language);
                position = ahead + 1;
                wait = (int)ChatWaitEstimate.For(position.Value, 1, await queue.MedianWaitAsync(clock.UtcNow, cancellationToken)).TotalSeconds;
            }
        }

        return new ChatView(
            chat.Id, chat.CaseId, number is { } n ? CaseNumber.Format(n) : null, chat.State, chat.IsGuest, chat.DisplayName, chat.Language, chat.QueueTier,
            chat.AgentId, chat.AgentName, chat.Category, chat.IntentKey, position, wait, chat.QueuedAt, chat.AcceptedAt, chat.EndedAt,
            chat.FallbackReason, chat.FallbackChoice, chat.Rating, chat.RatingComment, chat.CanRate, chat.LastSeq, chat.CreatedAt, messages);
    }

    public static ChatMessageView MessageView(ChatMessage m) => new(
        m.ConversationId, m.Seq, m.ClientMessageId, m.AuthorKind, m.DisplayName, m.Text,
        m.Steps.Select(s => new ChatStepView(s.Instruction, s.Why)).ToList(), m.OffersPerson, m.CreatedAt);

    private ChatMessage Store(ChatMessage message, Interaction? interaction)
    {
        // No case yet (nothing from the subscriber): the message waits in the chat and is copied when the case opens.
        if (interaction is not null)
        {
            message.LinkInteraction(interaction.Id);
        }

        db.ChatMessages.Add(message);
        feed.Add(new ChatMessageAdded(MessageView(message)));
        return message;
    }
}
