using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Cases;

/// <summary>A subscriber opens a case from the portal or the API.</summary>
public static class OpenCase
{
    public sealed record Command(string Subject, string Category, string Description, Guid? ClientRequestId = null)
        : ICommand<Result>, IRequireSubscriber;

    /// <param name="Replayed">True when the same <c>ClientRequestId</c> had already opened this case.</param>
    public sealed record Result(Guid Id, string Number, CaseStatus Status, string Queue, bool Replayed);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Subject)
                .NotEmpty().WithMessage("Enter a subject that says what the case is about.")
                .MaximumLength(Case.MaxSubjectLength).WithMessage($"The subject must be {Case.MaxSubjectLength} characters or fewer.");
            // One message per field: an empty category says only "choose one", never the list of internal names.
            RuleFor(c => c.Category).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose a category.")
                .Must(CaseInput.IsCategory).WithMessage(c => $"'{TextInput.Echo(c.Category)}' is not a category. Choose one of: {CaseInput.CategoryWords()}.");
            RuleFor(c => c.Description)
                .NotEmpty().WithMessage("Describe the problem so an agent can help.")
                .MaximumLength(Case.MaxBodyLength).WithMessage(c => $"The description must be {Case.MaxBodyLength:N0} characters or fewer; it has {c.Description.Length:N0}.");
        }

    }

    public sealed class Handler(
        IHelpDeskDb db, ICurrentUser user, IClock clock, CaseRouter router, ReferenceData reference, EmailNotifier email, Escalations.Escalator escalator)
        : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var subscriber = await db.Subscribers.SingleOrDefaultAsync(s => s.Id == user.SubscriberId, cancellationToken)
                ?? throw new ForbiddenException("Your account has no subscriber profile.");

            if (command.ClientRequestId is { } requestId)
            {
                var existing = await db.Cases.AsNoTracking()
                    .Where(c => c.SubscriberId == subscriber.Id && c.ClientRequestId == requestId)
                    .Select(c => new { c.Id, c.Number, c.Status, c.Queue })
                    .SingleOrDefaultAsync(cancellationToken);
                if (existing is not null)
                {
                    return new Result(existing.Id, CaseNumber.Format(existing.Number), existing.Status, existing.Queue, Replayed: true);
                }
            }

            if (!CaseInput.TryParse<CaseCategory>(command.Category, out var category))
            {
                throw new InvalidOperationException("The validator admits only known categories.");
            }

            // The number and the reference data's version in one statement; routing, the SLA policy and the incident
            // check then use the shared copy of that version without another read (ADR 0128).
            var (number, version) = await db.NextCaseNumberAndReferenceVersionAsync(cancellationToken);
            await reference.GetAsync(version, cancellationToken);
            var now = clock.UtcNow;
            var placement = await router.PlaceAsync(Channel.Portal, category, subscriber.Language, CasePriority.Normal, cancellationToken);
            var @case = Case.Open(number, subscriber, Channel.Portal, category, command.Subject, command.Description, now, command.ClientRequestId, placement);
            db.Cases.Add(@case);
            await email.CaseReceivedAsync(@case, cancellationToken);
            db.AuditEvents.Add(AuditEvent.Record(
                now, user.AsActor(), "case.opened", "case", @case.Id.ToString(), @case.Id,
                AuditData.Of(("tier", null, @case.Tier.ToString()), ("queue", null, @case.Queue), ("priority", null, @case.Priority.ToString()), ("rule", null, placement.Rule))));
            await escalator.OnSensitiveCategoryAsync(@case, Domain.Agents.AgentTier.Tier1, user.AsActor(), now, cancellationToken);
            return new Result(@case.Id, @case.DisplayNumber, @case.Status, @case.Queue, Replayed: false);
        }
    }
}
