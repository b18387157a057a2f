using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Incidents;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Incidents;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Agent.Pages.Incidents;

/// <summary>Resolve an incident (Tier 2 and up) with a time and a closing note; optionally mail every affected subscriber.</summary>
public sealed class ResolveModel(IMediator mediator, ICurrentUser user, ViewerTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IncidentDetails? Incident { get; private set; }

    [BindProperty]
    public ResolveInput Input { get; set; } = new();

    public sealed class ResolveInput
    {
        /// <summary>Wall-clock time in the viewer's zone (empty: now).</summary>
        public DateTime? ResolvedAt { get; set; }

        public string? Note { get; set; }
        public bool NotifySubscribers { get; set; }
    }

    private bool MayManage => user.Tier is { } tier && tier >= AgentTier.Tier2;

    public async Task<IActionResult> OnGetAsync(Guid id) => MayManage && await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!MayManage || !await LoadAsync(id))
        {
            return NotFound();
        }

        // A value that did not bind (a date that is not a date) has its message already; nothing is sent.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!LocalInput.TryToUtc(Input.ResolvedAt, time, ModelState, "Input.ResolvedAt", localizer, out var at))
        {
            return Page();
        }

        try
        {
            var result = await mediator.Send(new ResolveIncident.Command(id, at, Input.Note ?? string.Empty, Input.NotifySubscribers), HttpContext.RequestAborted);
            TempData["Flash"] = result.NoticeId is null
                ? localizer["Incident resolved."].Value
                : localizer["Incident resolved; affected subscribers are being emailed."].Value;
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input), new Dictionary<string, string> { ["ResolvedAt"] = "ResolvedAt" }))
        {
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        try
        {
            Incident = await mediator.Send(new GetIncident.Query(id), HttpContext.RequestAborted);
            return Incident.Status == IncidentStatus.Open;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
