using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Application.Sla;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Channels;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Sla;

public sealed class IndexModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IReadOnlyList<ListSlaPolicies.PolicyModel> Policies { get; private set; } = [];

    public static string Duration(TimeSpan span) =>
        span.TotalHours >= 1
            ? span.Minutes == 0 ? $"{(int)span.TotalHours} h" : $"{(int)span.TotalHours} h {span.Minutes} min"
            : $"{span.Minutes} min";

    public async Task OnGetAsync() => Policies = await mediator.Send(new ListSlaPoliciesForAdmin.Query(), HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostRecomputeAsync(Guid id) =>
        await RunAsync(async () =>
        {
            var result = await mediator.Send(new RecomputeSlaPolicy.Command(id), HttpContext.RequestAborted);
            return localizer["Recomputed the SLA of {0} open case(s).", result.Updated].Value;
        });

    /// <summary>The question before a delete runs (no JavaScript, or a post without <c>confirmed</c>).</summary>
    public Confirmation? Confirm { get; private set; }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, bool confirmed = false)
    {
        if (confirmed)
        {
            return await RunAsync(async () =>
            {
                var result = await mediator.Send(new DeleteSlaPolicy.Command(id), HttpContext.RequestAborted);
                return localizer["Policy deleted; {0} open case(s) now follow the general policy.", result.Updated].Value;
            });
        }

        await OnGetAsync();
        if (Policies.FirstOrDefault(p => p.Id == id) is not { } policy)
        {
            return NotFound();
        }

        Confirm = new Confirmation("Delete", id.ToString(), localizer["Delete the SLA policy “{0}”?", policy.Name],
            localizer["Its open cases will follow the general policy for their priority, and their due times are recomputed now. This cannot be undone."],
            localizer["Delete policy"]);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(CasePriority priority, Channel channel)
    {
        try
        {
            var created = await mediator.Send(new CreateSlaPolicy.Command(priority, channel), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Added “{0}”. Set its targets below.", created.Name].Value;
            return RedirectToPage("Edit", new { id = created.Id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            await OnGetAsync();
            return Page();
        }
    }

    private async Task<IActionResult> RunAsync(Func<Task<string>> action)
    {
        try
        {
            TempData["Flash"] = await action();
            return RedirectToPage();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            await OnGetAsync();
            return Page();
        }
    }
}
