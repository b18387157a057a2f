using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace HelpDesk.Web.Areas.Admin.Pages;

/// <summary>Option lists shared by the admin forms.</summary>
public static class AdminPageText
{
    public static IEnumerable<SelectListItem> Channels(string anyLabel) =>
        Enum.GetValues<Channel>().Select(c => new SelectListItem(c.ToString(), c.ToString())).Prepend(new SelectListItem(anyLabel, string.Empty));

    public static IEnumerable<SelectListItem> Categories(string anyLabel) =>
        Enum.GetValues<CaseCategory>().Select(c => new SelectListItem(CaseCategories.Label(c), c.ToString())).Prepend(new SelectListItem(anyLabel, string.Empty));

    public static IEnumerable<SelectListItem> Priorities(string anyLabel) =>
        Enum.GetValues<CasePriority>().Select(p => new SelectListItem(p.ToString(), p.ToString())).Prepend(new SelectListItem(anyLabel, string.Empty));
}
