using HelpDesk.Application.Common;
using HelpDesk.Application.Staff;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Staff;

public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    private static readonly Dictionary<string, string> RoleFields = new() { ["Role"] = "Position", ["Tier"] = "Position" };

    public StaffMemberModel Member { get; private set; } = null!;

    [BindProperty]
    public RoleInput Role { get; set; } = new();

    [BindProperty]
    public ReasonInput Deactivation { get; set; } = new();

    [BindProperty]
    public ReasonInput Reactivation { get; set; } = new();

    public sealed class RoleInput
    {
        public string? Position { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class ReasonInput
    {
        public string? Reason { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Role.Position = StaffPageText.Value(Member.Role, Member.Tier);
        return Page();
    }

    public async Task<IActionResult> OnPostRoleAsync(string id)
    {
        var (role, tier) = StaffPageText.Parse(Role.Position);
        return await RunAsync(id, new ChangeStaffRole.Command(id, role, tier, Role.Reason ?? string.Empty), nameof(Role), RoleFields,
            m => localizer["{0} is now: {1}.", m.Name, localizer.Position(m.Role, m.Tier)]);
    }

    public Task<IActionResult> OnPostDeactivateAsync(string id) =>
        RunAsync(id, new DeactivateStaff.Command(id, Deactivation.Reason ?? string.Empty), nameof(Deactivation), null,
            m => localizer["{0} is deactivated: signed out everywhere, their work is back in the queues.", m.Name]);

    public Task<IActionResult> OnPostReactivateAsync(string id) =>
        RunAsync(id, new ReactivateStaff.Command(id, Reactivation.Reason ?? string.Empty), nameof(Reactivation), null,
            m => localizer["{0} is active again and can sign in.", m.Name]);

    private async Task<IActionResult> RunAsync(
        string id, ICommand<StaffMemberModel> command, string prefix, IReadOnlyDictionary<string, string>? fields, Func<StaffMemberModel, LocalizedString> done)
    {
        try
        {
            var member = await mediator.Send(command, HttpContext.RequestAborted);
            TempData["Flash"] = done(member).Value;
            return RedirectToPage(new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, prefix, fields))
        {
            return await LoadAsync(id) ? Page() : NotFound();
        }
    }

    private async Task<bool> LoadAsync(string id)
    {
        try
        {
            Member = await mediator.Send(new GetStaffMember.Query(id), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
