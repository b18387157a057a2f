using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Pages;

/// <summary>Puts the command layer's refusals on the page as ModelState errors next to the right fields.</summary>
public static class CommandErrors
{
    /// <summary>True when the exception was a refusal to show to the user (validation, business rule, conflict).</summary>
    /// <param name="fields">Command property → form field, where the form names a field differently from the command
    /// (so a field's error shows beside that field instead of being lost).</param>
    public static bool TryAddTo(this ModelStateDictionary modelState, Exception exception, string prefix = "Input", IReadOnlyDictionary<string, string>? fields = null)
    {
        switch (exception)
        {
            case ValidationException validation:
                foreach (var error in validation.Errors)
                {
                    var field = fields is not null && fields.TryGetValue(error.PropertyName, out var renamed) ? renamed : error.PropertyName;
                    var key = string.IsNullOrEmpty(field) ? string.Empty : $"{prefix}.{field}";
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
