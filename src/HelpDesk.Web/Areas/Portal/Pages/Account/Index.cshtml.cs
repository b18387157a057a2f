using System.Text.Json;
using HelpDesk.Application.Accounts;
using HelpDesk.Application.Credits;
using HelpDesk.Infrastructure.Identity;
using HelpDesk.Web.Localization;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Portal.Pages.Account;

/// <summary>
/// The subscriber's account: the credits given to them, newest first, and the balance per currency; links to change the
/// password or address, "download my data" and "sign out of all sessions" (issue 19).
/// </summary>
public sealed class IndexModel(IMediator mediator, SignInManager<HelpDeskUser> signIn, IStringLocalizer<SharedResource> l) : PageModel
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public GetMyCredits.Result Credits { get; private set; } = new([], []);

    public async Task OnGetAsync() => Credits = await mediator.Send(new GetMyCredits.Query());

    /// <summary>The subscriber's own cases, public messages and credits as a JSON file.</summary>
    public async Task<IActionResult> OnGetExportAsync()
    {
        var export = await mediator.Send(new ExportMyData.Query(), HttpContext.RequestAborted);
        return File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", $"helpdesk-my-data-{export.ExportedAt:yyyy-MM-dd}.json");
    }

    /// <summary>The question before "sign out of all sessions" runs (no JavaScript, or a post without <c>confirmed</c>).</summary>
    public HelpDesk.Web.Pages.Confirmation? Confirm { get; private set; }

    public async Task<IActionResult> OnPostEndSessionsAsync(bool confirmed = false)
    {
        if (!confirmed)
        {
            Credits = await mediator.Send(new GetMyCredits.Query(), HttpContext.RequestAborted);
            Confirm = new HelpDesk.Web.Pages.Confirmation("EndSessions", string.Empty, l["Sign out of every session, this one too?"],
                l["Every browser and app signed in to your account is signed out at once, this one too; you sign in again with your password."],
                l["Sign out everywhere"]);
            return Page();
        }

        await mediator.Send(new EndAllSessions.Command(), HttpContext.RequestAborted);
        await signIn.SignOutAsync();
        TempData["Flash"] = l["You are signed out of every session. Sign in again to go on."].Value;
        return RedirectToPage("/Index", new { area = "" });
    }
}
