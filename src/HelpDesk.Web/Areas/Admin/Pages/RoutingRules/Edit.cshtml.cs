using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.RoutingRules;

/// <summary>Adds a routing rule (no id) or changes one.</summary>
public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public RuleInput Input { get; set; } = new();

    public IReadOnlyList<QueueChoice> Queues { get; private set; } = [];

    public bool IsNew { get; private set; }

    public sealed class RuleInput
    {
        public string Name { get; set; } = string.Empty;
        public Channel? Channel { get; set; }
        public CaseCategory? Category { get; set; }
        public string? Language { get; set; }
        public CasePriority? MinimumPriority { get; set; }
        public string TargetQueue { get; set; } = "Tier2";
        public CasePriority? SetPriority { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        IsNew = id is null;
        Queues = await mediator.Send(new ListQueueChoices.Query(), HttpContext.RequestAborted);
        if (id is { } ruleId)
        {
            var rule = (await mediator.Send(new ListRoutingRules.Query(), HttpContext.RequestAborted)).SingleOrDefault(r => r.Id == ruleId);
            if (rule is null)
            {
                return NotFound();
            }

            Input = new RuleInput
            {
                Name = rule.Name, Channel = rule.Channel, Category = rule.Category, Language = rule.Language,
                MinimumPriority = rule.MinimumPriority, TargetQueue = rule.TargetQueue, SetPriority = rule.SetPriority,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        IsNew = id is null;
        try
        {
            var saved = await mediator.Send(new SaveRoutingRule.Command(
                id, Input.Name ?? string.Empty, Input.TargetQueue ?? string.Empty, Input.Channel, Input.Category, Input.Language,
                Input.MinimumPriority, Input.SetPriority), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Saved rule “{0}”.", saved.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            Queues = await mediator.Send(new ListQueueChoices.Query(), HttpContext.RequestAborted);
            return Page();
        }
    }
}
