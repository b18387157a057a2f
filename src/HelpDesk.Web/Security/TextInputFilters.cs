using System.Reflection;
using HelpDesk.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace HelpDesk.Web.Security;

/// <summary>
/// The web side of <see cref="TextInput"/> (issue 14): text that reaches the app by a form, a query string or a JSON
/// body is checked before a page handler or endpoint acts on it, so even code that does not go through the command
/// pipeline (sign-in, registration) never hands PostgreSQL a NUL. Commands check it again in the pipeline.
/// </summary>
public static class TextInputFilters
{
    /// <summary>Key under which the refusal is kept for the error page (GET requests are refused outright).</summary>
    public const string ProblemKey = "HelpDesk.TextInputProblem";

    public static string Describe(string field, string problem)
    {
        var last = field.Split('.').Last();
        var words = System.Text.RegularExpressions.Regex.Replace(last, "(?<=[a-z])(?=[A-Z])", " ").ToLowerInvariant();
        return $"{char.ToUpperInvariant(words[0])}{words[1..]} {problem}";
    }

    /// <summary>Checks every bound page field; errors go next to the field, and a GET with bad text is refused with 400.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            string? first = null;
            foreach (var (key, entry) in context.ModelState.ToList())
            {
                if (key == "__RequestVerificationToken" || entry?.AttemptedValue is not { } value)
                {
                    continue;
                }

                if (TextInput.Problem(value, TextInput.IsMultiLineName(key)) is { } problem)
                {
                    var message = Describe(key, problem);
                    context.ModelState.AddModelError(key, message);
                    first ??= message;
                }
            }

            if (first is not null && (HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method)))
            {
                context.HttpContext.Items[ProblemKey] = first;
                context.Result = new StatusCodeResult(StatusCodes.Status400BadRequest);
                return;
            }

            // A post re-renders with the message beside the field: handlers check ModelState or send a command,
            // which the pipeline refuses with the same message.
            await next();
        }
    }

    /// <summary>Checks the arguments of every /api/v1 endpoint (JSON bodies, query and route values): 400 problem details.</summary>
    public static RouteGroupBuilder RefuseControlCharacters(this RouteGroupBuilder group)
    {
        group.AddEndpointFilter(async (context, next) =>
        {
            var parameters = context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>()?.GetParameters();
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            for (var i = 0; i < context.Arguments.Count; i++)
            {
                var argument = context.Arguments[i];
                var name = parameters is not null && i < parameters.Length ? parameters[i].Name ?? $"arg{i}" : $"arg{i}";
                if (argument is string text)
                {
                    if (TextInput.Problem(text, TextInput.IsMultiLineName(name)) is { } problem)
                    {
                        errors[name] = [Describe(name, problem)];
                    }
                }
                else if (argument is not null && argument.GetType().Namespace?.StartsWith("HelpDesk.", StringComparison.Ordinal) == true)
                {
                    foreach (var failure in TextInput.Check(argument))
                    {
                        errors[char.ToLowerInvariant(failure.PropertyName[0]) + failure.PropertyName[1..]] = [failure.ErrorMessage];
                    }
                }
            }

            return errors.Count == 0 ? await next(context) : Results.ValidationProblem(errors, title: "Some text was refused");
        });
        return group;
    }
}
