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

/// <summary>Declare an incident (Tier 2 and up): what is affected, since when, how bad; optionally mail every affected subscriber.</summary>
public sealed class DeclareModel(IMediator mediator, ICurrentUser user, ViewerTime time, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public DeclareInput Input { get; set; } = new();

    public sealed class DeclareInput
    {
        public string? Title { get; set; }
        public string? Description { get; set; }
        public string? Severity { get; set; } = nameof(IncidentSeverity.Major);

        /// <summary>Wall-clock time in the viewer's zone (empty: now).</summary>
        public DateTime? StartedAt { get; set; }

        public DateTime? ExpectedEndAt { get; set; }
        public List<string> Regions { get; set; } = [];

        /// <summary>Comma- or space-separated two-letter codes.</summary>
        public string? Countries { get; set; }

        public List<string> Plans { get; set; } = [];
        public List<string> DeviceKinds { get; set; } = [];

        /// <summary>Comma- or space-separated app versions.</summary>
        public string? AppVersions { get; set; }

        public List<string> Categories { get; set; } = [];
        public bool NotifySubscribers { get; set; }
    }

    private bool MayDeclare => user.Tier is { } tier && tier >= AgentTier.Tier2;

    public IActionResult OnGet() => MayDeclare ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!MayDeclare)
        {
            return NotFound();
        }

        // A value that did not bind (a date that is not a date) has its message already; nothing is sent.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!LocalInput.TryToUtc(Input.StartedAt, time, ModelState, "Input.StartedAt", localizer, out var started)
            | !LocalInput.TryToUtc(Input.ExpectedEndAt, time, ModelState, "Input.ExpectedEndAt", localizer, out var end))
        {
            return Page();
        }

        try
        {
            var result = await mediator.Send(new DeclareIncident.Command(
                Input.Title ?? string.Empty, Input.Description ?? string.Empty, Input.Severity ?? string.Empty, started, end,
                Input.Regions, IncidentInput.Split(Input.Countries), Input.Plans, Input.DeviceKinds, IncidentInput.Split(Input.AppVersions), Input.Categories,
                Input.NotifySubscribers));
            TempData["Flash"] = result.NoticeId is null
                ? localizer["Incident declared. It affects {0} subscribers.", result.AffectedSubscribers].Value
                : localizer["Incident declared. It affects {0} subscribers; they are being emailed.", result.AffectedSubscribers].Value;
            return RedirectToPage("Details", new { id = result.Id });
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            return Page();
        }
    }
}
