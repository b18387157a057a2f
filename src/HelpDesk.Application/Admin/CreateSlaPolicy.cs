using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Sla;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Adds a channel-specific policy for a priority, starting as a copy of the priority's general policy (edit it next).
/// Every priority already has its general policy, so only channel-specific ones are created. Administrators only.
/// </summary>
public static class CreateSlaPolicy
{
    public sealed record Command(CasePriority Priority, Channel Channel, string? Name = null) : ICommand<ListSlaPolicies.PolicyModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Priority).IsInEnum().WithMessage("Choose a priority from the list.");
            RuleFor(c => c.Channel).IsInEnum().WithMessage("Choose a channel from the list.");
            RuleFor(c => c.Name).MaximumLength(SlaPolicy.MaxNameLength).WithMessage($"The name must be {SlaPolicy.MaxNameLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, ListSlaPolicies.PolicyModel>
    {
        public async ValueTask<ListSlaPolicies.PolicyModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var existing = await db.SlaPolicies.AsNoTracking().Where(p => p.Priority == command.Priority).ToListAsync(cancellationToken);
            if (existing.Any(p => p.Channel == command.Channel))
            {
                throw new DomainRuleException("sla.duplicate_policy",
                    $"{command.Channel} cases at {command.Priority} priority already have their own policy. Change that one instead.");
            }

            var general = existing.SingleOrDefault(p => p.Channel is null)
                ?? throw new DomainRuleException("sla.no_general_policy", $"There is no general policy for {command.Priority} priority to start from.");
            var name = string.IsNullOrWhiteSpace(command.Name) ? $"{command.Channel}, {command.Priority.ToString().ToLowerInvariant()}" : command.Name.Trim();
            var policy = SlaPolicy.Create(name, command.Priority, general.FirstResponse, general.NextResponse, general.Resolution,
                general.Calendar, general.WarningPercent, command.Channel);
            db.SlaPolicies.Add(policy);
            db.AuditEvents.Add(AuditEvent.Record(clock.UtcNow, user.AsActor(), "sla_policy.created", "sla_policy", policy.Id.ToString(),
                data: AdminAudit.Diff(null, AdminAudit.Of(policy))));
            return ListSlaPolicies.ToModel(policy);
        }
    }
}
