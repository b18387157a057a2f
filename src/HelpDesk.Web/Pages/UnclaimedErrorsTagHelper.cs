using System.Reflection;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace HelpDesk.Web.Pages;

/// <summary>
/// <c>&lt;div hd-unclaimed-errors&gt;</c>: the form's summary of the errors no field shows (issue 15: one message per
/// field). An error keyed to a form field (<c>Input.Amount</c>: the page model's bound <c>Input</c> has an
/// <c>Amount</c>) is shown beside that field by its <c>asp-validation-for</c>; everything else — errors of the whole
/// form, and errors about a command property the form has no field for — is listed here, so nothing is lost and
/// nothing is said twice. Renders nothing when there is nothing to list.
/// </summary>
[HtmlTargetElement("div", Attributes = "hd-unclaimed-errors")]
public sealed class UnclaimedErrorsTagHelper : TagHelper
{
    [HtmlAttributeNotBound]
    [ViewContext]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        output.Attributes.RemoveAll("hd-unclaimed-errors");
        var model = ViewContext.ViewData.Model;
        var messages = ViewContext.ModelState
            .Where(entry => entry.Value is { Errors.Count: > 0 } && !IsField(model, entry.Key))
            .SelectMany(entry => entry.Value!.Errors.Select(e => e.ErrorMessage))
            .Where(m => !string.IsNullOrWhiteSpace(m))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.Attributes.SetAttribute("class", "validation-summary-errors");
        output.Attributes.SetAttribute("role", "alert");
        var list = new TagBuilder("ul");
        foreach (var message in messages)
        {
            var item = new TagBuilder("li");
            item.InnerHtml.Append(message);
            list.InnerHtml.AppendHtml(item);
        }

        output.Content.SetHtmlContent(list);
    }

    /// <summary>Whether <paramref name="key"/> ("Input.Amount") names a property path of the page model, i.e. a form field.</summary>
    public static bool IsField(object? model, string key)
    {
        if (model is null || string.IsNullOrEmpty(key))
        {
            return false;
        }

        var type = model.GetType();
        foreach (var part in key.Split('.'))
        {
            var name = part.Split('[')[0];
            var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return false;
            }

            type = property.PropertyType;
        }

        return true;
    }
}
