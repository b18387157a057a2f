using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Cases;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Agents;

public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public AgentProfileModel Agent { get; private set; } = null!;

    public sealed class ProfileInput
    {
        public List<CaseCategory> Skills { get; set; } = [];
        public string? Languages { get; set; }
        public int Capacity { get; set; }
        public int ChatCapacity { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new ProfileInput
        {
            Skills = Agent.Skills.Select(Enum.Parse<CaseCategory>).ToList(),
            Languages = string.Join(", ", Agent.Languages),
            Capacity = Agent.Capacity,
            ChatCapacity = Agent.ChatCapacity,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            var languages = (Input.Languages ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var saved = await mediator.Send(new ChangeAgentProfile.Command(id, Input.Skills, languages, Input.Capacity, Input.ChatCapacity), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Saved the work profile of {0}.", saved.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Agent = (await mediator.Send(new ListAgentProfiles.Query(id), HttpContext.RequestAborted))[0];
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
