using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>
/// Merges a duplicate case into another case of the same subscriber: its timeline and follow-ups move to the
/// surviving case, and it closes with a pointer there.
/// </summary>
public static class MergeCases
{
    /// <param name="CaseId">The duplicate, which closes.</param>
    /// <param name="Into">Number of the case that continues, like <c>HD-000123</c>.</param>
    public sealed record Command(Guid CaseId, string Into) : ICommand<Result>, ICaseRequest, IRequireStaff;

    public sealed record Result(Guid SurvivorId, string SurvivorNumber, Guid MergedId, string MergedNumber, int MovedEntries, int MovedFollowUps);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IHelpDeskDb db, ICurrentUser user)
        {
            RuleFor(c => c.Into).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Enter the number of the case to merge into, like HD-000123.")
                .Must(into => CaseNumber.TryParse(into, out _))
                .WithMessage(c => $"'{TextInput.Echo(c.Into)}' is not a case number; case numbers look like HD-000123.")
                .CustomAsync(async (into, context, cancellationToken) =>
                {
                    if (!CaseNumber.TryParse(into, out var number))
                    {
                        return;
                    }

                    var found = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => new { c.Id, c.Tier }).SingleOrDefaultAsync(cancellationToken);
                    // A case above the caller's tier answers like a number nobody has used.
                    var target = found is not null && CaseAccess.StaffMayOpen(user, found.Tier) ? found.Id : (Guid?)null;
                    if (target is null)
                    {
                        context.AddFailure($"There is no case {CaseNumber.Format(number)}.");
                    }
                    else if (target == context.InstanceToValidate.CaseId)
                    {
                        context.AddFailure("A case cannot be merged into itself; enter the number of the other case.");
                    }
                });
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!CaseNumber.TryParse(command.Into, out var number))
            {
                throw new InvalidOperationException("The validator admits only case numbers.");
            }

            var merged = await db.CaseForChangeAsync(command.CaseId, cancellationToken);
            var survivorId = await db.Cases.Where(c => c.Number == number).Select(c => c.Id).SingleAsync(cancellationToken);
            var survivor = await db.CaseForChangeAsync(survivorId, cancellationToken);
            var agent = await db.ActingAgentAsync(user, cancellationToken);
            var now = clock.UtcNow;
            var statusBefore = merged.Status;

            var (onSurvivor, onMerged) = merged.MergeInto(survivor, agent, now);

            // The rows move in the database; the two new entries are saved with the command.
            var movedEntries = await db.Interactions.Where(i => i.CaseId == merged.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.CaseId, survivor.Id), cancellationToken);
            var movedFollowUps = await db.FollowUps.Where(f => f.CaseId == merged.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(f => f.CaseId, survivor.Id), cancellationToken);

            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.merged", "case", merged.Id.ToString(), merged.Id,
                AuditData.Of(("merged_into", null, survivor.DisplayNumber), ("status", statusBefore.ToString(), merged.Status.ToString()))));
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "case.merge_received", "case", survivor.Id.ToString(), survivor.Id,
                AuditData.Of(("merged_from", null, merged.DisplayNumber), ("moved_entries", null, movedEntries.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            return new Result(survivor.Id, survivor.DisplayNumber, merged.Id, merged.DisplayNumber, movedEntries, movedFollowUps);
        }
    }
}
