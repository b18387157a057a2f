using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Cases;

/// <summary>A subscriber's support case. Status moves go through methods that refuse illegal ones.</summary>
public sealed class Case
{
    public const int MaxSubjectLength = 200;
    public const int MaxBodyLength = 20_000;

    private readonly List<Interaction> _interactions = [];

    private Case()
    {
        Subject = Queue = string.Empty;
    }

    public Guid Id { get; private set; }
    public long Number { get; private set; }
    public Guid SubscriberId { get; private set; }
    public Subscriber? Subscriber { get; private set; }
    public Channel Channel { get; private set; }
    public string Subject { get; private set; }
    public CaseCategory Category { get; private set; }
    public CasePriority Priority { get; private set; }
    public CaseStatus Status { get; private set; }
    public AgentTier Tier { get; private set; }
    public string Queue { get; private set; }
    public Guid? AssigneeId { get; private set; }
    public Agent? Assignee { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? FirstRespondedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Caller-supplied id that makes a retried "open case" land once.</summary>
    public Guid? ClientRequestId { get; private set; }

    /// <summary>Optimistic concurrency token (PostgreSQL <c>xmin</c>).</summary>
    public uint Version { get; private set; }

    public IReadOnlyList<Interaction> Interactions => _interactions;

    public string DisplayNumber => CaseNumber.Format(Number);

    public SubscriberStage Stage => CaseLifecycle.StageOf(Status);

    public static Case Open(
        long number,
        Subscriber subscriber,
        Channel channel,
        CaseCategory category,
        string subject,
        string description,
        DateTimeOffset now,
        Guid? clientRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var placement = CaseRouting.Place(channel, category);
        var @case = new Case
        {
            Id = Guid.CreateVersion7(),
            Number = number,
            SubscriberId = subscriber.Id,
            Channel = channel,
            Subject = subject.Trim(),
            Category = category,
            Priority = placement.Priority,
            Status = CaseStatus.New,
            Tier = placement.Tier,
            Queue = placement.Queue,
            CreatedAt = now,
            UpdatedAt = now,
            ClientRequestId = clientRequestId,
        };
        @case._interactions.Add(Interaction.Create(
            @case.Id, channel, Direction.Inbound, AuthorKind.Subscriber, subscriber.Id, subscriber.FirstName,
            Visibility.Public, description.Trim(), now));
        // One microsecond later so the receipt always follows the subscriber's words on the timeline.
        @case._interactions.Add(Interaction.Create(
            @case.Id, channel, Direction.Internal, AuthorKind.System, null, "HelpDesk",
            Visibility.Public, $"We received your case {@case.DisplayNumber}.", now.AddTicks(10)));
        return @case;
    }

    public Interaction AddSubscriberMessage(Subscriber subscriber, string body, DateTimeOffset now, Guid? clientRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        if (subscriber.Id != SubscriberId)
        {
            throw new DomainRuleException("case.not_yours", "Only the subscriber who owns a case can write on it.");
        }

        EnsureNotClosed();
        if (Status is CaseStatus.Resolved or CaseStatus.PendingSubscriber)
        {
            // A reply from the subscriber puts the case back in an agent's hands.
            MoveTo(CaseStatus.Open, now);
        }

        return Append(Interaction.Create(
            Id, Channel.Portal, Direction.Inbound, AuthorKind.Subscriber, subscriber.Id, subscriber.FirstName,
            Visibility.Public, body.Trim(), now, clientRequestId), now);
    }

    public Interaction AddAgentReply(Agent agent, string body, DateTimeOffset now, Guid? clientRequestId = null)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        AssigneeId ??= agent.Id;
        if (Status == CaseStatus.New)
        {
            MoveTo(CaseStatus.Open, now);
        }

        FirstRespondedAt ??= now;
        return Append(Interaction.Create(
            Id, Channel, Direction.Outbound, AuthorKind.Agent, agent.Id, AgentLabel(agent),
            Visibility.Public, body.Trim(), now, clientRequestId), now);
    }

    public Interaction AddInternalNote(Agent agent, string body, DateTimeOffset now, Guid? clientRequestId = null)
    {
        EnsureAgentMayWork(agent);
        return Append(Interaction.Create(
            Id, Channel, Direction.Internal, AuthorKind.Agent, agent.Id, AgentLabel(agent),
            Visibility.Internal, body.Trim(), now, clientRequestId), now);
    }

    /// <returns>The public "resolved" entry added to the timeline.</returns>
    public Interaction Resolve(Agent agent, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        MoveTo(CaseStatus.Resolved, now);
        AssigneeId ??= agent.Id;
        ResolvedAt = now;
        return Append(Interaction.Create(
            Id, Channel, Direction.Internal, AuthorKind.System, null, "HelpDesk",
            Visibility.Public, $"{AgentLabel(agent)} marked this case as resolved.", now), now);
    }

    public void Assign(Agent agent, DateTimeOffset now)
    {
        EnsureAgentMayWork(agent);
        EnsureNotClosed();
        AssigneeId = agent.Id;
        UpdatedAt = now;
    }

    /// <summary>Moves the case to <paramref name="to"/> or explains why that is not allowed.</summary>
    public void MoveTo(CaseStatus to, DateTimeOffset now)
    {
        if (Status == to)
        {
            return;
        }

        if (!CaseLifecycle.CanMove(Status, to))
        {
            throw new DomainRuleException(
                "case.illegal_transition",
                $"Case {DisplayNumber} is {Status} and cannot be moved to {to}.");
        }

        Status = to;
        UpdatedAt = now;
        if (to != CaseStatus.Resolved && to != CaseStatus.Closed)
        {
            ResolvedAt = null;
        }
    }

    /// <summary>"Sam (Tier 1 agent)": first name and role, never a full name.</summary>
    public static string AgentLabel(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var role = agent.Tier == AgentTier.Supervisor ? "supervisor" : $"Tier {(int)agent.Tier} agent";
        return $"{agent.FirstName} ({role})";
    }

    private void EnsureAgentMayWork(Agent agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!agent.CanWork(Tier))
        {
            throw new DomainRuleException(
                "case.tier_too_low",
                $"Case {DisplayNumber} is held at {Tier}; {agent.Tier} agents cannot work it.");
        }
    }

    private void EnsureNotClosed()
    {
        if (Status == CaseStatus.Closed)
        {
            throw new DomainRuleException("case.closed", $"Case {DisplayNumber} is closed. Please open a new case.");
        }
    }

    private Interaction Append(Interaction interaction, DateTimeOffset now)
    {
        _interactions.Add(interaction);
        UpdatedAt = now;
        return interaction;
    }
}
