using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Pages;

/// <summary>Puts the command layer's refusals on the page as ModelState errors next to the right fields.</summary>
public static class CommandErrors
{
    /// <summary>True when the exception was a refusal to show to the user (validation, business rule, conflict).</summary>
    public static bool TryAddTo(this ModelStateDictionary modelState, Exception exception, string prefix = "Input")
    {
        switch (exception)
        {
            case ValidationException validation:
                foreach (var error in validation.Errors)
                {
                    var key = string.IsNullOrEmpty(error.PropertyName) ? string.Empty : $"{prefix}.{error.PropertyName}";
                    // The page filter may already have said the same about this field (TextInputFilters).
                    if (modelState.TryGetValue(key, out var entry) && entry.Errors.Any(e => e.ErrorMessage == error.ErrorMessage))
                    {
                        continue;
                    }

                    modelState.AddModelError(key, error.ErrorMessage);
                }

                return true;
            case DomainRuleException or ConcurrencyConflictException or ForbiddenException:
                modelState.AddModelError(string.Empty, exception.Message);
                return true;
            default:
                return false;
        }
    }
}
