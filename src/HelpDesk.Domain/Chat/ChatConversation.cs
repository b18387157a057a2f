using System.Security.Cryptography;
using System.Text;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Chat;

/// <summary>
/// A live chat. It always belongs to a case (whose timeline holds a copy of every message); it moves
/// with the assistant → queued → with an agent → ended, with the fallback offered when nobody accepted in time (ADR 0106).
/// Messages are not a navigation: each is numbered by <see cref="NextMessage"/> and added by the caller.
/// </summary>
public sealed class ChatConversation
{
    public const int MaxMessageLength = 2000;
    public const int MaxNameLength = 100;
    public const int MaxCommentLength = 1000;
    public const int MaxNoteLength = 2000;

    private ChatConversation()
    {
        DisplayName = Language = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>
    /// The case the chat is on. Null until the subscriber's first message (or "talk to a person"): opening the widget and
    /// reading the assistant's greeting is not a contact, so it opens no case, starts no clock and fills no queue (ADR 0106).
    /// </summary>
    public Guid? CaseId { get; private set; }
    public Guid SubscriberId { get; private set; }

    /// <summary>Started by someone not signed in: the email is not verified and gives no access to any account.</summary>
    public bool IsGuest { get; private set; }

    /// <summary>The subscriber's first name or the name the guest gave.</summary>
    public string DisplayName { get; private set; }

    public string? GuestEmail { get; private set; }

    /// <summary>
    /// Set when the owner of <see cref="GuestEmail"/> confirmed that address with an account that claimed this guest's
    /// contact (ADR 0113): from then on the chat's case is the account's like any other.
    /// </summary>
    public DateTimeOffset? ClaimedAt { get; private set; }

    /// <summary>SHA-256 (hex) of the guest's chat access token; the token itself is never stored.</summary>
    public string? AccessTokenHash { get; private set; }

    public string Language { get; private set; }
    public ChatState State { get; private set; }

    /// <summary>The tier of the human queue it waits in (or was last queued in).</summary>
    public AgentTier? QueueTier { get; private set; }

    /// <summary>Queue order: more urgent first, then earlier <see cref="QueuedAt"/>.</summary>
    public CasePriority Priority { get; private set; }

    public Guid? AgentId { get; private set; }
    public string? AgentName { get; private set; }

    /// <summary>What the assistant recognised (its last recognised intent).</summary>
    public CaseCategory? Category { get; private set; }

    public string? IntentKey { get; private set; }

    /// <summary>When it (last) joined the human queue; kept after acceptance for the wait statistics.</summary>
    public DateTimeOffset? QueuedAt { get; private set; }

    public DateTimeOffset? AcceptedAt { get; private set; }
    public DateTimeOffset? FallbackOfferedAt { get; private set; }
    public ChatFallbackReason? FallbackReason { get; private set; }
    public ChatFallbackChoice? FallbackChoice { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public ChatEndedBy? EndedBy { get; private set; }
    public int? Rating { get; private set; }
    public string? RatingComment { get; private set; }
    public DateTimeOffset? RatedAt { get; private set; }

    /// <summary>The last message's sequence number (0: none yet).</summary>
    public long LastSeq { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    /// <summary>Waiting for a person: in the queue, with or without the fallback offered.</summary>
    public bool IsWaiting => State is ChatState.Queued or ChatState.FallbackOffered;

    public bool CanRate => State == ChatState.Ended && Rating is null && FallbackChoice is null;

    public static ChatConversation Start(Guid? caseId, Guid subscriberId, string displayName, string language, DateTimeOffset now) =>
        Create(caseId, subscriberId, false, displayName, null, null, language, now);

    /// <summary>A guest's chat; <paramref name="accessToken"/> is returned once to the guest's browser.</summary>
    public static ChatConversation StartGuest(Guid? caseId, Guid contactId, string name, string email, string language, DateTimeOffset now, out string accessToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        accessToken = Base64Url(RandomNumberGenerator.GetBytes(32));
        return Create(caseId, contactId, true, name, email.Trim(), HashToken(accessToken), language, now);
    }

    private static ChatConversation Create(
        Guid? caseId, Guid subscriberId, bool guest, string displayName, string? email, string? tokenHash, string language, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        var name = displayName.Trim();
        return new ChatConversation
        {
            Id = Guid.CreateVersion7(),
            CaseId = caseId,
            SubscriberId = subscriberId,
            IsGuest = guest,
            DisplayName = name.Length > MaxNameLength ? name[..MaxNameLength] : name,
            GuestEmail = email,
            AccessTokenHash = tokenHash,
            Language = string.IsNullOrWhiteSpace(language) ? "en" : language.Trim().ToLowerInvariant(),
            State = ChatState.WithAssistant,
            Priority = CasePriority.Normal,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The contact this guest chat is on was claimed by a confirmed account with the same address.</summary>
    public void ClaimByAccount(DateTimeOffset now)
    {
        if (IsGuest && ClaimedAt is null)
        {
            ClaimedAt = now;
        }
    }

    /// <summary>The subscriber's first message opened the chat's case (a chat is on one case for its whole life).</summary>
    public void AttachCase(Guid caseId, DateTimeOffset now)
    {
        if (CaseId is { } current && current != caseId)
        {
            throw new DomainRuleException("chat.case_set", "This chat is already on another case.");
        }

        CaseId = caseId;
        UpdatedAt = now;
    }

    public static string HashToken(string token) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token))).ToLowerInvariant();

    /// <summary>Whether <paramref name="token"/> is this guest chat's access token (constant-time).</summary>
    public bool MatchesToken(string? token)
    {
        if (AccessTokenHash is null || string.IsNullOrEmpty(token) || token.Length > 200)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(HashToken(token)), Encoding.ASCII.GetBytes(AccessTokenHash));
    }

    /// <summary>Checks a message's text: not empty, at most <see cref="MaxMessageLength"/> characters.</summary>
    public static string? MessageError(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Write a message first."
        : text.Trim().Length > MaxMessageLength ? $"A chat message has at most {MaxMessageLength:N0} characters; this one has {text.Trim().Length:N0}."
        : null;

    /// <summary>The next message, numbered. Nothing can be said in an ended chat (except the system's closing words).</summary>
    public ChatMessage NextMessage(
        ChatAuthorKind kind, Guid? authorId, string displayName, string text, DateTimeOffset now, Guid? clientMessageId = null,
        IEnumerable<ChatStep>? steps = null, bool offersPerson = false)
    {
        if (MessageError(text) is { } error)
        {
            throw new DomainRuleException("chat.message_invalid", error);
        }

        if (State == ChatState.Ended && kind != ChatAuthorKind.System)
        {
            throw new DomainRuleException("chat.ended", "This chat has ended. Start a new chat to write again.");
        }

        if (kind == ChatAuthorKind.Agent && (State != ChatState.WithAgent || AgentId != authorId))
        {
            throw new DomainRuleException("chat.not_yours", "Only the agent holding this chat can write in it. Accept it first.");
        }

        LastSeq++;
        UpdatedAt = now;
        return ChatMessage.Create(Id, LastSeq, clientMessageId, kind, authorId, displayName, text.Trim(), steps, offersPerson, now);
    }

    /// <summary>Remembers what the assistant recognised (the latest intent wins; a recognised category is kept).</summary>
    public void Recognise(string? intentKey, CaseCategory? category, DateTimeOffset now)
    {
        IntentKey = intentKey ?? IntentKey;
        Category = category ?? Category;
        UpdatedAt = now;
    }

    /// <summary>Joins the human queue for <paramref name="tier"/>; outside staffed hours the fallback is offered at once.</summary>
    public void Queue(AgentTier tier, CasePriority priority, bool staffed, DateTimeOffset now)
    {
        if (State != ChatState.WithAssistant)
        {
            throw new DomainRuleException("chat.not_with_assistant", State switch
            {
                ChatState.Queued or ChatState.FallbackOffered => "You are already in the queue for a person.",
                ChatState.WithAgent => "You are already talking to a person.",
                _ => "This chat has ended. Start a new chat to talk to a person.",
            });
        }

        EnterQueue(tier, priority, staffed, now);
    }

    /// <summary>Nobody accepted it within the allowed time: offer a callback or an email reply (it stays queued).</summary>
    public bool OfferFallbackIfWaitedTooLong(TimeSpan after, DateTimeOffset now)
    {
        if (State != ChatState.Queued || QueuedAt is not { } queued || now - queued < after)
        {
            return false;
        }

        OfferFallback(ChatFallbackReason.NoAgentInTime, now);
        return true;
    }

    /// <summary>An agent takes the chat (it must still be waiting; <paramref name="agentTier"/> must reach the queue's tier).</summary>
    public void Accept(Guid agentId, string agentName, AgentTier agentTier, DateTimeOffset now)
    {
        if (State == ChatState.WithAgent)
        {
            throw new DomainRuleException("chat.already_accepted",
                AgentId == agentId ? "You already hold this chat." : $"{AgentName} accepted this chat first.");
        }

        if (!IsWaiting)
        {
            throw new DomainRuleException("chat.not_waiting", State == ChatState.Ended
                ? "This chat has ended."
                : "This chat is still with the virtual assistant; it is not waiting for a person.");
        }

        if (QueueTier is { } tier && !TierReaches(agentTier, tier))
        {
            throw new DomainRuleException("chat.tier_too_low", $"This chat waits for {tier}; {agentTier} agents cannot accept it.");
        }

        State = ChatState.WithAgent;
        AgentId = agentId;
        AgentName = agentName;
        AcceptedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The holding agent sends the chat back to the queue of <paramref name="tier"/>.</summary>
    public void TransferToTier(AgentTier tier, bool staffed, DateTimeOffset now)
    {
        EnsureWithAgent();
        AgentId = null;
        AgentName = null;
        AcceptedAt = null;
        FallbackOfferedAt = null;
        FallbackReason = null;
        EnterQueue(tier, Priority, staffed, now);
    }

    /// <summary>The holding agent hands the chat straight to another agent.</summary>
    public void TransferToAgent(Guid agentId, string agentName, AgentTier agentTier, DateTimeOffset now)
    {
        EnsureWithAgent();
        if (agentId == AgentId)
        {
            throw new DomainRuleException("chat.transfer_self", "You already hold this chat; choose another agent.");
        }

        if (QueueTier is { } tier && !TierReaches(agentTier, tier))
        {
            throw new DomainRuleException("chat.tier_too_low", $"This chat is at {tier}; {agentName} ({agentTier}) cannot take it.");
        }

        AgentId = agentId;
        AgentName = agentName;
        AcceptedAt = now;
        UpdatedAt = now;
    }

    public void End(ChatEndedBy by, DateTimeOffset now)
    {
        if (State == ChatState.Ended)
        {
            throw new DomainRuleException("chat.ended", "This chat has already ended.");
        }

        State = ChatState.Ended;
        EndedBy = by;
        EndedAt = now;
        UpdatedAt = now;
    }

    /// <summary>The subscriber takes the offered callback or email reply; the chat ends, the case stays open.</summary>
    public void ChooseFallback(ChatFallbackChoice choice, DateTimeOffset now)
    {
        if (State != ChatState.FallbackOffered)
        {
            throw new DomainRuleException("chat.fallback_not_offered", State == ChatState.WithAgent
                ? "A person has joined the chat; there is no need for a callback or email now."
                : "A callback or email reply is offered only when nobody could take the chat in time.");
        }

        FallbackChoice = choice;
        End(ChatEndedBy.Subscriber, now);
    }

    public void Rate(int rating, string? comment, DateTimeOffset now)
    {
        if (State != ChatState.Ended)
        {
            throw new DomainRuleException("chat.not_ended", "You can rate the chat once it has ended.");
        }

        if (Rating is not null)
        {
            throw new DomainRuleException("chat.already_rated", "You have already rated this chat. Thank you!");
        }

        if (rating is < 1 or > 5)
        {
            throw new DomainRuleException("chat.rating_range", "A rating is from 1 to 5.");
        }

        Rating = rating;
        var text = comment?.Trim();
        RatingComment = string.IsNullOrEmpty(text) ? null : text.Length > MaxCommentLength ? text[..MaxCommentLength] : text;
        RatedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Tiers as ranks (Tier1 &lt; Tier2 &lt; Tier3 &lt; Supervisor).</summary>
    public static bool TierReaches(AgentTier agentTier, AgentTier required) => agentTier >= required;

    private void EnterQueue(AgentTier tier, CasePriority priority, bool staffed, DateTimeOffset now)
    {
        State = ChatState.Queued;
        QueueTier = tier;
        Priority = priority;
        QueuedAt = now;
        UpdatedAt = now;
        if (!staffed)
        {
            OfferFallback(ChatFallbackReason.OutsideStaffedHours, now);
        }
    }

    private void OfferFallback(ChatFallbackReason reason, DateTimeOffset now)
    {
        State = ChatState.FallbackOffered;
        FallbackReason = reason;
        FallbackOfferedAt = now;
        UpdatedAt = now;
    }

    private void EnsureWithAgent()
    {
        if (State != ChatState.WithAgent)
        {
            throw new DomainRuleException("chat.not_with_agent", "Only a chat an agent holds can be transferred.");
        }
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
