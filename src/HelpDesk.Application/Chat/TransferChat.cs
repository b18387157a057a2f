using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Chat;

/// <summary>
/// The agent holding a chat (or a supervisor) hands it to another agent (within that agent's capacity) or back to the
/// queue of a tier, with a note kept as an internal note on the case. A tier above the case's moves the case up too.
/// </summary>
public static class TransferChat
{
    public sealed record Command(Guid ChatId, Guid? ToAgentId, AgentTier? ToTier, string Note) : ICommand<ChatView>, IRequireStaff, IChatStaffRequest;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c).Must(c => (c.ToAgentId is null) != (c.ToTier is null))
                .WithName("Target").WithMessage("Transfer to one agent (toAgentId) or to a tier (toTier), not both.");
            RuleFor(c => c.Note).NotEmpty().WithMessage("Add a note for whoever takes the chat next.")
                .MaximumLength(ChatConversation.MaxNoteLength).WithMessage($"The note has at most {ChatConversation.MaxNoteLength:N0} characters.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, ChatWork work, Escalator escalator) : ICommandHandler<Command, ChatView>
    {
        public async ValueTask<ChatView> Handle(Command command, CancellationToken cancellationToken)
        {
            var agentId = user.AgentId ?? throw new ForbiddenException("Only support staff can do this.");
            var me = await db.Agents.SingleAsync(a => a.Id == agentId, cancellationToken);
            Agent? target = null;
            if (command.ToAgentId is { } targetId)
            {
                // The receiving agent's row is locked so their capacity is counted once.
                target = await work.LockAgentAsync(targetId, cancellationToken);
            }

            var chat = await work.LockAsync(command.ChatId, cancellationToken);
            if (chat.State == ChatState.WithAgent && chat.AgentId != me.Id && me.Tier != AgentTier.Supervisor)
            {
                throw new ForbiddenException($"{chat.AgentName} holds this chat; only they or a supervisor can transfer it.");
            }

            var @case = await work.CaseOfAsync(chat, cancellationToken);
            var now = work.Now;
            var from = chat.AgentName;
            if (target is not null)
            {
                if (!target.CanWork(@case.Tier))
                {
                    throw new DomainRuleException("chat.tier_too_low", $"Case {@case.DisplayNumber} is held at {@case.Tier}; {Case.AgentLabel(target)} cannot take it.");
                }

                var active = await work.ActiveChatsAsync(target.Id, cancellationToken);
                if (target.ChatCapacity == 0)
                {
                    throw new DomainRuleException("chat.capacity", $"{Case.AgentLabel(target)} takes no chats (chat capacity 0).");
                }

                if (active >= target.ChatCapacity)
                {
                    throw new DomainRuleException("chat.capacity", $"{Case.AgentLabel(target)} already has {active} of {target.ChatCapacity} chats open, their limit.");
                }

                chat.TransferToAgent(target.Id, Case.AgentLabel(target), target.Tier, now);
                @case.Assign(target, now);
                @case.AddInternalNote(me, $"Chat transferred from {from} to {Case.AgentLabel(target)}: {command.Note.Trim()}", now);
                work.SaySystem(chat, @case, $"{Case.AgentLabel(target)} has taken over the chat and can see everything written so far.", now.AddTicks(10));
                work.Audit(chat, "chat.transferred", ("agent", from, Case.AgentLabel(target)), ("note", null, command.Note.Trim()));
            }
            else
            {
                var tier = command.ToTier!.Value;
                if (tier < @case.Tier)
                {
                    throw new DomainRuleException("chat.tier_below_case", $"Case {@case.DisplayNumber} is held at {@case.Tier}; transfer the chat to {@case.Tier} or above.");
                }

                @case.AddInternalNote(me, $"Chat transferred from {from} to the {tier} chat queue: {command.Note.Trim()}", now);
                if (tier > @case.Tier)
                {
                    await escalator.EscalateToAsync(@case, tier, "chat-transfer", command.Note.Trim(), user.AsActor(), now, cancellationToken);
                }

                var staffed = work.Options.StaffedHours.ToHours().IsStaffed(now);
                chat.TransferToTier(tier, staffed, now);
                work.SaySystem(chat, @case, "You are being passed to a colleague who can help further. They will see everything written so far.", now.AddTicks(10));
                work.Audit(chat, "chat.transferred", ("state", nameof(ChatState.WithAgent), chat.State.ToString()), ("agent", from, null),
                    ("tier", null, tier.ToString()), ("note", null, command.Note.Trim()));
                if (chat.State == ChatState.FallbackOffered)
                {
                    work.OfferedFallback(chat, @case, now.AddTicks(20));
                }

                work.QueueChanged();
            }

            var view = await work.ViewAsync(chat, 0, cancellationToken);
            work.StateChanged(view);
            if (target is not null)
            {
                work.Assigned(target.Id, view);
            }

            return view;
        }
    }
}
