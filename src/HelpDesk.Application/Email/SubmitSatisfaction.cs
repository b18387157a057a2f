using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Email;

/// <summary>Records the one answer (rating 1–5, optional comment) a resolved case gets; a second submission changes nothing.</summary>
public static class SubmitSatisfaction
{
    public sealed record Command(string Token, int Rating, string? Comment) : ICommand<SatisfactionPage>, IAllowAnonymous;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Rating).InclusiveBetween(SatisfactionSurvey.MinRating, SatisfactionSurvey.MaxRating)
                .WithMessage($"Choose a rating from {SatisfactionSurvey.MinRating} to {SatisfactionSurvey.MaxRating}.");
            RuleFor(c => c.Comment).MaximumLength(SatisfactionSurvey.MaxCommentLength)
                .WithMessage(c => $"Keep the comment to {SatisfactionSurvey.MaxCommentLength:N0} characters or fewer; it has {c.Comment!.Length:N0}.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock) : ICommandHandler<Command, SatisfactionPage>
    {
        public async ValueTask<SatisfactionPage> Handle(Command command, CancellationToken cancellationToken)
        {
            var hash = SatisfactionSupport.Hash(command.Token);
            // Locked, so two submissions at once record one answer and the other sees it.
            var survey = hash is null ? null : await db.SatisfactionSurveys
                .FromSql($"SELECT * FROM satisfaction_surveys WHERE token_hash = {hash} FOR UPDATE")
                .SingleOrDefaultAsync(cancellationToken);
            if (survey is null)
            {
                throw new NotFoundException("This satisfaction link is not valid. It may have been replaced by a newer email.");
            }

            var now = clock.UtcNow;
            if (survey.Answer(command.Rating, command.Comment, now))
            {
                db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), "satisfaction.answered", "satisfaction_survey", survey.Id.ToString(), survey.CaseId,
                    AuditData.Of(("rating", null, command.Rating.ToString(System.Globalization.CultureInfo.InvariantCulture)))));
            }

            var @case = await db.Cases.AsNoTracking().Where(c => c.Id == survey.CaseId).Select(c => new { c.Number, c.Subject }).SingleAsync(cancellationToken);
            return new SatisfactionPage(CaseNumber.Format(@case.Number), @case.Subject, true, survey.Rating, survey.Comment, survey.AnsweredAt);
        }
    }
}
