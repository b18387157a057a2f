using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Changes which categories and languages an agent takes from queues, how many active cases they may hold and how many
/// live chats (<see cref="Command.ChatCapacity"/>; left as it is when not sent).
/// The tier is not changed here. Administrators only.
/// </summary>
public static class ChangeAgentProfile
{
    /// <param name="Skills">Categories the agent handles; empty means every category.</param>
    /// <param name="Languages">Primary language tags (en, es); empty means every language.</param>
    /// <param name="ChatCapacity">Live chats at once, 0 to 10 (0: takes no chats); null keeps the current value.</param>
    public sealed record Command(Guid AgentId, IReadOnlyList<CaseCategory> Skills, IReadOnlyList<string> Languages, int Capacity, int? ChatCapacity = null)
        : ICommand<AgentProfileModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Skills).NotNull().WithMessage("Send the list of categories (empty for all).");
            RuleForEach(c => c.Skills).IsInEnum().WithMessage("Choose categories from the list.");
            RuleFor(c => c.Languages).NotNull().WithMessage("Send the list of languages (empty for all).");
            RuleFor(c => c.Languages)
                .Must(ls => ls is null || ls.All(l => RoutingRule.IsLanguageTag(l?.Trim())))
                .WithMessage(c => $"Languages are tags of 2 to 8 letters separated by commas, such as en, es; “{string.Join(", ", (c.Languages ?? []).Where(l => !RoutingRule.IsLanguageTag(l?.Trim())))}” is not.");
            RuleFor(c => c.Capacity).InclusiveBetween(1, Agent.MaxCapacity)
                .WithMessage($"Capacity must be between 1 and {Agent.MaxCapacity} active cases.");
            RuleFor(c => c.ChatCapacity).InclusiveBetween(0, Agent.MaxChatCapacity).When(c => c.ChatCapacity is not null)
                .WithMessage($"Chat capacity must be between 0 and {Agent.MaxChatCapacity} chats (0: takes no chats).");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, AgentProfileModel>
    {
        public async ValueTask<AgentProfileModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == command.AgentId, cancellationToken) ?? throw AdminErrors.Agent(command.AgentId);
            var before = AdminAudit.Of(agent);
            agent.SetWorkProfile(command.Skills, command.Languages, command.Capacity);
            if (command.ChatCapacity is { } chatCapacity)
            {
                agent.SetChatCapacity(chatCapacity);
            }

            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "agent.profile_changed", "agent", agent.Id.ToString(),
                data: AdminAudit.Diff(before, AdminAudit.Of(agent))));
            var load = await db.AgentWorkloads.Where(w => w.AgentId == agent.Id).Select(w => w.ActiveCases).FirstOrDefaultAsync(cancellationToken);
            var chats = await db.ChatConversations.CountAsync(c => c.AgentId == agent.Id && c.State == ChatState.WithAgent, cancellationToken);
            return new AgentProfileModel(agent.Id, agent.DisplayName, agent.Email, agent.Tier, agent.Skills, agent.Languages, agent.Capacity, load,
                agent.ChatCapacity, chats);
        }
    }
}
