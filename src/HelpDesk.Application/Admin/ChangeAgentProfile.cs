using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Changes which categories and languages an agent takes from queues and how many active cases they may hold.
/// The tier is not changed here. Administrators only.
/// </summary>
public static class ChangeAgentProfile
{
    /// <param name="Skills">Categories the agent handles; empty means every category.</param>
    /// <param name="Languages">Primary language tags (en, es); empty means every language.</param>
    public sealed record Command(Guid AgentId, IReadOnlyList<CaseCategory> Skills, IReadOnlyList<string> Languages, int Capacity)
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
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, AgentProfileModel>
    {
        public async ValueTask<AgentProfileModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var agent = await db.Agents.SingleOrDefaultAsync(a => a.Id == command.AgentId, cancellationToken) ?? throw AdminErrors.Agent(command.AgentId);
            var before = AdminAudit.Of(agent);
            agent.SetWorkProfile(command.Skills, command.Languages, command.Capacity);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "agent.profile_changed", "agent", agent.Id.ToString(),
                data: AdminAudit.Diff(before, AdminAudit.Of(agent))));
            var load = await db.Cases.CountAsync(c => c.AssigneeId == agent.Id && ListAgentProfiles.ActiveStatuses.Contains(c.Status), cancellationToken);
            return new AgentProfileModel(agent.Id, agent.DisplayName, agent.Email, agent.Tier, agent.Skills, agent.Languages, agent.Capacity, load);
        }
    }
}
