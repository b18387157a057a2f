using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Pages;

/// <summary>Friendly pages for errors and status codes (the API answers with problem details instead).</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";
    public string Message { get; private set; } = "We could not complete your request. Nothing was changed; please try again.";

    public void OnGet(int? code) => Describe(code);

    public void OnPost(int? code) => Describe(code);

    private void Describe(int? code)
    {
        if (code is null && Response.StatusCode == StatusCodes.Status400BadRequest)
        {
            // The framework refuses a request it cannot read, e.g. a form with a NUL character in a field (issue 14).
            (Title, Message) = ("The form could not be accepted",
                "Something in what you sent cannot be accepted, such as a NUL or other control character in a field. Nothing was saved; remove it and send the form again.");
            return;
        }

        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var wasPost = original is not null && HttpMethods.IsPost(HttpContext.Request.Method);
        (Title, Message) = code switch
        {
            400 when HttpContext.Items[HelpDesk.Web.Security.TextInputFilters.ProblemKey] is string problem => ("Bad request", problem),
            400 when wasPost => ("The form could not be accepted",
                "The form's security token was missing or had expired, so nothing was saved. Go back, reload the page and send it again."),
            400 => ("Bad request", "The request was not understood."),
            403 => ("Not allowed", "You do not have access to this page."),
            404 => ("Not found", "There is nothing here, or you do not have access to it."),
            413 => ("Too large", "What you sent is larger than we accept. Nothing was saved."),
            429 => ("Too many attempts", "Too many attempts from your address. Wait a minute and try again."),
            _ => (Title, Message),
        };
    }
}
