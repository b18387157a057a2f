using HelpDesk.Application.Accounts;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Portal.Pages.Account;

/// <summary>Change the email address: a link goes to the new address, and nothing changes until it is opened.</summary>
public sealed class EmailModel(IMediator mediator, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public sealed class InputModel
    {
        public string NewEmail { get; set; } = string.Empty;
        public string CurrentPassword { get; set; } = string.Empty;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await mediator.Send(new RequestEmailChange.Command(Input.NewEmail ?? string.Empty, Input.CurrentPassword ?? string.Empty), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            return Page();
        }

        TempData["Flash"] = l[RequestEmailChange.Answer].Value;
        return RedirectToPage("/Account/Index");
    }
}
