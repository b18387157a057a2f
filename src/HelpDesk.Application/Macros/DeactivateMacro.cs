using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Macros;

/// <summary>Retires a saved reply: agents no longer see it, its name is free again, the record stays. Supervisors only.</summary>
public static class DeactivateMacro
{
    public sealed record Command(Guid Id) : ICommand<MacroView>, IRequireSupervisor;

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, MacroView>
    {
        public async ValueTask<MacroView> Handle(Command command, CancellationToken cancellationToken)
        {
            var macro = await db.Macros.SingleOrDefaultAsync(m => m.Id == command.Id, cancellationToken) ?? throw MacroErrors.NotFound(command.Id);
            if (!macro.IsActive)
            {
                return MacroView.From(macro);
            }

            var now = clock.UtcNow;
            macro.Deactivate(now);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "macro.deactivated", "macro", macro.Id.ToString(), data: AuditData.Of(("active", "true", "false"))));
            return MacroView.From(macro);
        }
    }
}
