using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;

namespace HelpDesk.Domain.Cases;

public sealed partial class Case
{
    /// <summary>
    /// A chat message from the subscriber (or guest) on the timeline. Same status and clock rules as an emailed reply:
    /// a resolved case reopens, a case waiting for the subscriber goes back to an agent, the response clock starts.
    /// </summary>
    public Interaction AddChatSubscriberMessage(Guid authorId, string authorName, string body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorName);
        EnsureNotClosed();
        TakeSubscriberReply(now);
        return Append(Interaction.Create(
            Id, Channel.Chat, Direction.Inbound, AuthorKind.Subscriber, authorId, authorName, Visibility.Public, body.Trim(), now), now);
    }

    /// <summary>The virtual assistant's answer on the timeline (labelled; it never stops the response clock).</summary>
    public Interaction AddChatAssistantMessage(string label, string body, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        EnsureNotClosed();
        return Append(Interaction.Create(
            Id, Channel.Chat, Direction.Outbound, AuthorKind.Bot, null, label, Visibility.Public, body.Trim(), now), now);
    }

    /// <summary>An agent's chat message: a public reply in every respect (first response, response clock, kept promises).</summary>
    public Interaction AddChatAgentMessage(Agent agent, string body, DateTimeOffset now)
    {
        TakeAgentPublicReply(agent, now);
        return Append(Interaction.Create(
            Id, Channel.Chat, Direction.Outbound, AuthorKind.Agent, agent.Id, AgentLabel(agent), Visibility.Public, body.Trim(), now), now);
    }

    /// <summary>A chat event (started, queued, accepted, ended…) on the timeline.</summary>
    public Interaction AddChatEvent(string text, Visibility visibility, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        return Append(Interaction.Create(Id, Channel.Chat, Direction.Internal, AuthorKind.System, null, "HelpDesk", visibility, text, now), now);
    }

    /// <summary>
    /// The virtual assistant recognised what the chat is about: a case still in "Something else" takes that category.
    /// A sensitive category is then moved to Tier 3 by the escalation rule (the caller runs it).
    /// </summary>
    public bool CategorizeFromChat(CaseCategory category, DateTimeOffset now)
    {
        EnsureNotClosed();
        if (Category == category || (Category != CaseCategory.Other && !CaseCategories.IsSensitive(category)))
        {
            return false;
        }

        Category = category;
        UpdatedAt = now;
        MarkSlaDirty();
        return true;
    }

    /// <summary>Whether the case can still take chat messages.</summary>
    public bool IsClosedForChat => Status == CaseStatus.Closed || MergedIntoId is not null;
}
