using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Macros;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Macros;

/// <summary>Creates a saved reply (no <see cref="Command.Id"/>) or changes an active one. Supervisors only.</summary>
public static class SaveMacro
{
    public sealed record Command(Guid? Id, string Name, string Body, string? Explanation = null) : ICommand<MacroView>, IRequireSupervisor;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name)
                .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Give the macro a name agents will recognise in the list.")
                .MaximumLength(Macro.MaxNameLength).WithMessage($"The name must be {Macro.MaxNameLength} characters or fewer.");
            RuleFor(c => c.Body)
                .Must(b => !string.IsNullOrWhiteSpace(b)).WithMessage("Write the reply the macro inserts.")
                .MaximumLength(Macro.MaxBodyLength).WithMessage(c => $"The reply must be {Macro.MaxBodyLength:N0} characters or fewer; it has {c.Body.Length:N0}.")
                .Must(b => MacroText.UnknownPlaceholders(b).Count == 0).WithMessage(c => MacroText.UnknownPlaceholderMessage(c.Body));
            RuleFor(c => c.Explanation)
                .MaximumLength(Macro.MaxExplanationLength).WithMessage($"The explanation must be {Macro.MaxExplanationLength} characters or fewer.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, MacroView>
    {
        public async ValueTask<MacroView> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            var name = command.Name.Trim();
            var sameName = LikePattern.Escape(name.ToLowerInvariant());
            if (await db.Macros.AnyAsync(m => m.IsActive && m.Id != command.Id && EF.Functions.Like(m.Name.ToLower(), sameName, LikePattern.EscapeCharacter), cancellationToken))
            {
                throw new DomainRuleException("macro.duplicate_name", $"There is already a macro called \"{name}\". Choose another name or change that one.");
            }

            Macro macro;
            string action;
            string data;
            if (command.Id is { } id)
            {
                macro = await db.Macros.SingleOrDefaultAsync(m => m.Id == id && m.IsActive, cancellationToken) ?? throw MacroErrors.NotFound(id);
                var (nameBefore, bodyBefore, explanationBefore) = (macro.Name, macro.Body, macro.Explanation);
                macro.Change(name, command.Body, command.Explanation, now);
                action = "macro.updated";
                data = AuditData.Of(("name", nameBefore, macro.Name), ("body", bodyBefore, macro.Body), ("explanation", explanationBefore, macro.Explanation));
            }
            else
            {
                macro = Macro.Create(name, command.Body, command.Explanation, user.AgentId, now);
                db.Macros.Add(macro);
                action = "macro.created";
                data = AuditData.Of(("name", null, macro.Name), ("body", null, macro.Body), ("explanation", null, macro.Explanation));
            }

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), action, "macro", macro.Id.ToString(), data: data));
            return MacroView.From(macro);
        }
    }
}
