using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HelpDesk.Web.Pages;

/// <summary>
/// A request that names a page handler the page does not have (<c>?handler=nope</c>), or posts to a page without
/// naming one of its handlers, used to render the page without running any handler — and views that rely on what
/// <c>OnGet</c> loads threw (issue 14: four pages answered 500). Such a request now gets 404: there is no such action.
/// </summary>
public sealed class UnknownHandlerFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null)
        {
            var method = context.HttpContext.Request.Method;
            var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
            var handlers = context.ActionDescriptor.HandlerMethods;
            // A GET to a page whose model has GET handlers but none matched means an unknown handler name;
            // anything else with no handler is a post the page cannot take.
            if (!safe || handlers.Any(h => string.Equals(h.HttpMethod, "Get", StringComparison.OrdinalIgnoreCase)))
            {
                context.Result = new NotFoundResult();
                return Task.CompletedTask;
            }
        }

        return next();
    }
}
