using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Staff;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Security;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Pages.Account;

/// <summary>Where an invited member of staff chooses their password (the link from the invitation email).</summary>
[EnableRateLimiting(Policies.SignInRateLimit)]
public sealed class AcceptInvitationModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public StaffInvitationView? Invitation { get; private set; }

    public string RoleText => Invitation?.Role switch
    {
        Roles.Admin => localizer["an administrator"],
        Roles.Supervisor => localizer["a supervisor"],
        _ => localizer["an agent ({0})", localizer.Tier(Invitation?.Tier)],
    };

    public sealed class InputModel
    {
        public string? Password { get; set; }
        public string? TimeZone { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await LoadAsync())
        {
            return Page();
        }

        try
        {
            await mediator.Send(new AcceptStaffInvitation.Command(Token!, Input.Password ?? string.Empty, Input.TimeZone));
            TempData["Flash"] = localizer["Your account is active. Sign in with your email address and new password."].Value;
            return RedirectToPage("/Account/Login");
        }
        catch (NotFoundException)
        {
            Invitation = null;
            return Page();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }
    }

    private async Task<bool> LoadAsync()
    {
        try
        {
            Invitation = await mediator.Send(new GetStaffInvitation.Query(Token ?? string.Empty));
            return true;
        }
        catch (NotFoundException)
        {
            Invitation = null;
            return false;
        }
    }
}
