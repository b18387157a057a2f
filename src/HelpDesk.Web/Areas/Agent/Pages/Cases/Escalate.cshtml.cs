using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Escalations;
using HelpDesk.Domain.Agents;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

/// <summary>Escalate a case up (reason required) or hand it back down (note required): <c>?mode=escalate|handback</c>.</summary>
public sealed class EscalateModel(IMediator mediator, IOptions<EscalationOptions> options, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public CaseDetails? Case { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Mode { get; set; }

    public bool HandBack => string.Equals(Mode, "handback", StringComparison.OrdinalIgnoreCase);

    public AgentTier ApprovalFromTier => options.Value.ApprovalFromTier;

    /// <summary>The tiers the case can go to from here.</summary>
    public IReadOnlyList<AgentTier> Tiers { get; private set; } = [];

    [BindProperty]
    public EscalationInput Input { get; set; } = new();

    public sealed class EscalationInput
    {
        public string? ToTier { get; set; }
        public string? Text { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id);

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        try
        {
            if (HandBack)
            {
                var state = await mediator.Send(new HandBackCase.Command(id, Input.ToTier ?? string.Empty, Input.Text ?? string.Empty), HttpContext.RequestAborted);
                TempData["Flash"] = localizer["Case {0} was handed back to {1}.", state.Number, localizer.Queue(state.Queue)].Value;
                return state.CanWork ? RedirectToPage("Details", new { id }) : RedirectToPage("Index", new { queue = state.Queue });
            }

            var result = await mediator.Send(new EscalateCase.Command(id, Input.ToTier ?? string.Empty, Input.Text ?? string.Empty), HttpContext.RequestAborted);
            TempData["Flash"] = result.Applied
                ? localizer["The case was escalated to {0}.", localizer.Queue(result.Queue)].Value
                : localizer["Your request to escalate to {0} is waiting for a supervisor.", localizer.Tier(result.Request.ToTier)].Value;
            return result.CanWork ? RedirectToPage("Details", new { id }) : RedirectToPage("/Index");
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input), CommandFields))
        {
            return await LoadAsync(id);
        }
    }

    /// <summary>The escalation's reason and the hand-back's note are both the form's one text field.</summary>
    private static readonly Dictionary<string, string> CommandFields = new(StringComparer.Ordinal)
    {
        [nameof(EscalateCase.Command.Reason)] = nameof(EscalationInput.Text),
        [nameof(HandBackCase.Command.Note)] = nameof(EscalationInput.Text),
    };

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        Case = await mediator.Send(new GetCase.Query(id), HttpContext.RequestAborted);

        var tier = Case.Tier;
        Tiers = Enum.GetValues<AgentTier>().Where(t => HandBack ? t < tier : t > tier).ToList();
        return Page();
    }
}
