using HelpDesk.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HelpDesk.Web.Pages;

/// <summary>
/// The one place page handlers' access refusals become answers, as the API's exception handler does for endpoints:
/// an uncaught <see cref="NotFoundException"/> (a random id, or a case the caller may not open — the uniform 404) answers
/// 404, an uncaught <see cref="ForbiddenException"/> (a role that may not do this) 403 through the sign-in scheme — never a
/// 500. Handlers do not catch either just to return <c>NotFound()</c> or <c>Forbid()</c>; those that show their own message
/// (a model error, a flash) still catch it first.
/// </summary>
public sealed class NotFoundPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled)
        {
            return;
        }

        IActionResult? answer = executed.Exception switch
        {
            NotFoundException => new NotFoundResult(),
            ForbiddenException => new ForbidResult(),
            _ => null,
        };
        if (answer is not null)
        {
            executed.Result = answer;
            executed.ExceptionHandled = true;
        }
    }
}
