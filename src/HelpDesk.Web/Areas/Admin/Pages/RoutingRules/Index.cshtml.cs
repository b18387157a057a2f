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

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<RoutingRuleModel> Rules { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public Channel Channel { get; set; } = Channel.Portal;

    [BindProperty(SupportsGet = true)]
    public CaseCategory Category { get; set; } = CaseCategory.Billing;

    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = "en";

    [BindProperty(SupportsGet = true)]
    public CasePriority Priority { get; set; } = CasePriority.Normal;

    [BindProperty(SupportsGet = true)]
    public bool Try { get; set; }

    public RoutingPreview? Preview { get; private set; }

    public static string Describe(RoutingRuleModel rule, IStringLocalizer localizer)
    {
        var parts = new List<string>();
        if (rule.Channel is { } channel)
        {
            parts.Add(localizer["channel {0}", channel]);
        }

        if (rule.Category is { } category)
        {
            parts.Add(localizer["category {0}", CaseCategories.Label(category)]);
        }

        if (rule.Language is { } language)
        {
            parts.Add(localizer["language {0}", language]);
        }

        if (rule.MinimumPriority is { } priority)
        {
            parts.Add(localizer["priority {0} or higher", priority]);
        }

        return parts.Count == 0 ? localizer["every case"] : string.Join(", ", parts);
    }

    public async Task OnGetAsync()
    {
        await LoadAsync();
        if (Try)
        {
            try
            {
                Preview = await mediator.Send(new PreviewRouting.Query(Channel, Category, Language ?? string.Empty, Priority), HttpContext.RequestAborted);
            }
            catch (FluentValidation.ValidationException ex)
            {
                foreach (var error in ex.Errors)
                {
                    ModelState.AddModelError(string.Empty, error.ErrorMessage);
                }
            }
        }
    }

    public Task<IActionResult> OnPostEnableAsync(int id, bool enabled) =>
        RunAsync(new SetRoutingRuleEnabled.Command(id, enabled), enabled ? localizer["Rule enabled."] : localizer["Rule disabled."]);

    public Task<IActionResult> OnPostMoveAsync(int id, MoveRoutingRule.Direction direction) =>
        RunAsync(new MoveRoutingRule.Command(id, direction), localizer["Rule moved."]);

    /// <summary>The question before a delete runs (no JavaScript, or a post without <c>confirmed</c>).</summary>
    public Confirmation? Confirm { get; private set; }

    public async Task<IActionResult> OnPostDeleteAsync(int id, bool confirmed = false)
    {
        if (confirmed)
        {
            return await RunAsync(new DeleteRoutingRule.Command(id), localizer["Rule deleted."]);
        }

        await LoadAsync();
        if (Rules.FirstOrDefault(r => r.Id == id) is not { } rule)
        {
            return NotFound();
        }

        Confirm = new Confirmation("Delete", id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            localizer["Delete the routing rule “{0}”?", rule.Name], localizer["Cases it already placed stay where they are; new cases skip it. This cannot be undone."],
            localizer["Delete rule"]);
        return Page();
    }

    private async Task<IActionResult> RunAsync<T>(ICommand<T> command, string done)
    {
        try
        {
            await mediator.Send(command, HttpContext.RequestAborted);
            TempData["Flash"] = done;
            return RedirectToPage();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            await LoadAsync();
            return Page();
        }
    }

    private async Task LoadAsync() => Rules = await mediator.Send(new ListRoutingRules.Query(), HttpContext.RequestAborted);
}
