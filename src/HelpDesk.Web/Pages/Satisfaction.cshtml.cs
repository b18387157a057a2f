using HelpDesk.Application.Common;
using HelpDesk.Application.Email;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

/// <summary>
/// "How did we do?" from the link in the resolution email: anonymous (the unguessable token is the key), one rating
/// and an optional comment per case; once answered the page shows the recorded answer.
/// </summary>
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Security.Policies.AnonymousRateLimit)]
public sealed class SatisfactionModel(IMediator mediator) : PageModel
{
    public SatisfactionPage? Survey { get; private set; }

    [BindProperty]
    public int? Rating { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        NoReferrer();
        Survey = await mediator.Send(new GetSatisfaction.Query(token), HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        NoReferrer();
        try
        {
            Survey = await mediator.Send(new SubmitSatisfaction.Command(token, Rating ?? 0, Comment), HttpContext.RequestAborted);
            TempData["Flash"] = "Thank you for your answer.";
            return RedirectToPage("/Satisfaction", new { token });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            Survey = await mediator.Send(new GetSatisfaction.Query(token), HttpContext.RequestAborted);
            return Page();
        }
    }

    /// <summary>The token is in the address: never send it on to another site.</summary>
    private void NoReferrer() => Response.Headers["Referrer-Policy"] = "no-referrer";
}
