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

/// <summary>A public update or an internal note on an open incident (Tier 2 and up), with severity and expected end.</summary>
public sealed class UpdateModel(IMediator mediator, ICurrentUser user, ViewerTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    public IncidentDetails? Incident { get; private set; }

    [BindProperty]
    public UpdateInput Input { get; set; } = new();

    public sealed class UpdateInput
    {
        public string? Body { get; set; }

        /// <summary>"public" or "internal".</summary>
        public string Visibility { get; set; } = "public";

        public string? Severity { get; set; }
        public DateTime? ExpectedEndAt { get; set; }
        public bool ClearExpectedEnd { get; set; }
    }

    private bool MayManage => user.Tier is { } tier && tier >= AgentTier.Tier2;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!MayManage || !await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Severity = Incident!.Severity.ToString();
        Input.ExpectedEndAt = LocalInput.ToLocal(Incident.ExpectedEndAt, time);
        return Page();
    }

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

        if (!LocalInput.TryToUtc(Input.ExpectedEndAt, time, ModelState, "Input.ExpectedEndAt", localizer, out var end))
        {
            return Page();
        }

        try
        {
            var isInternal = Input.Visibility == "internal";
            await mediator.Send(new PostIncidentUpdate.Command(id, Input.Body ?? string.Empty, isInternal, Input.Severity, end, Input.ClearExpectedEnd || end is null), HttpContext.RequestAborted);
            TempData["Flash"] = isInternal ? localizer["Internal note added."].Value : localizer["Public update posted."].Value;
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
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
