using HelpDesk.Application.Staff;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Staff;

public sealed class InviteModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly Dictionary<string, string> Fields = new() { ["Role"] = "Position", ["Tier"] = "Position" };

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public sealed class InviteInput
    {
        public string? Email { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Position { get; set; } = "Agent:Tier1";
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (role, tier) = StaffPageText.Parse(Input.Position);
        try
        {
            var invitation = await mediator.Send(new InviteStaff.Command(Input.Email ?? string.Empty, Input.FirstName ?? string.Empty, Input.LastName, role, tier));
            TempData["Flash"] = localizer["Invitation sent to {0}.", invitation.Email].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input), Fields))
        {
            return Page();
        }
    }
}
