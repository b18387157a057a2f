using FluentValidation;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Queues;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Domain.Queues;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>"Try it": where a new case with these facts would be placed by the rules in force now. Administrators only.</summary>
public static class PreviewRouting
{
    public sealed record Query(Channel Channel, CaseCategory Category, string Language = "en", CasePriority Priority = CasePriority.Normal)
        : IQuery<RoutingPreview>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Channel).IsInEnum().WithMessage("Choose a channel from the list.");
            RuleFor(q => q.Category).IsInEnum().WithMessage("Choose a category from the list.");
            RuleFor(q => q.Priority).IsInEnum().WithMessage("Choose a priority from the list.");
            RuleFor(q => q.Language)
                .Must(l => RoutingRule.IsLanguageTag(l?.Split('-', 2)[0]))
                .WithMessage(q => $"“{q.Language}” is not a language tag: use 2 to 8 letters, such as en or es.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, CaseRouter router) : IQueryHandler<Query, RoutingPreview>
    {
        public async ValueTask<RoutingPreview> Handle(Query query, CancellationToken cancellationToken)
        {
            var language = query.Language.Trim().ToLowerInvariant();
            var placement = await router.PlaceAsync(query.Channel, query.Category, language, query.Priority, cancellationToken);
            int? ruleId = null;
            string explanation;
            switch (placement.Rule)
            {
                case "sensitive-category":
                    explanation = $"{CaseCategories.Label(query.Category)} is safety-sensitive: such cases always go to Tier 3 as urgent, whatever the rules say.";
                    break;
                case "default":
                    explanation = $"No enabled rule matches, so the case starts in the {query.Channel} channel's Tier 1 queue.";
                    break;
                default:
                    var rule = await db.RoutingRules.AsNoTracking()
                        .Where(r => r.Enabled && r.Name == placement.Rule && r.TargetQueue == placement.Queue)
                        .OrderBy(r => r.Position).FirstOrDefaultAsync(cancellationToken);
                    ruleId = rule?.Id;
                    explanation = $"The first enabled rule that matches is “{placement.Rule}”; it sends the case to {placement.Queue}.";
                    break;
            }

            return new RoutingPreview(placement.Tier, placement.Queue, placement.Priority, placement.Rule, ruleId, explanation);
        }
    }
}
