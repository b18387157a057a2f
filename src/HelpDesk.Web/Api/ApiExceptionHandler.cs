using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace HelpDesk.Web.Api;

/// <summary>Turns the command layer's refusals into RFC 7807 problem details for <c>/api</c> callers.</summary>
internal sealed class ApiExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // By now the middleware has pointed Request.Path at the error page; the feature keeps the original.
        var path = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        if (path is null || !path.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        ProblemDetails? problem = exception switch
        {
            ValidationException validation => new HttpValidationProblemDetails(ToErrors(validation))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request has invalid fields.",
                Detail = string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()),
            },
            NotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
            ForbiddenException forbidden => Problem(StatusCodes.Status403Forbidden, "Forbidden", forbidden.Message),
            UnauthenticatedException unauthenticated => Problem(StatusCodes.Status401Unauthorized, "Sign in required", unauthenticated.Message),
            DomainRuleException rule => Problem(StatusCodes.Status409Conflict, "Not allowed now", rule.Message, rule.Code),
            ConcurrencyConflictException conflict => Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, "Bad request", bad.Message),
            _ when DatabaseUnavailable(exception) => Problem(
                StatusCodes.Status503ServiceUnavailable, "Try again shortly",
                "The case store is not answering at the moment; nothing was changed by this attempt unless it said so. Send the request again (with the same Idempotency-Key) in a few seconds."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>
    /// The database dropped or refused the connection, or did not answer in time, even after the execution strategy's
    /// retries: a retry later can succeed, so 503 with Retry-After rather than a 500.
    /// </summary>
    internal static bool DatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException or TimeoutException
                || (e is Npgsql.NpgsqlException npgsql && npgsql.IsTransient))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Field names in camelCase, as the JSON the caller sent.</summary>
    internal static Dictionary<string, string[]> ToErrors(ValidationException validation) =>
        validation.Errors
            .GroupBy(e => CamelCase(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static ProblemDetails Problem(int status, string title, string detail, string? code = null)
    {
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (code is not null)
        {
            problem.Extensions["code"] = code;
        }

        return problem;
    }
}
