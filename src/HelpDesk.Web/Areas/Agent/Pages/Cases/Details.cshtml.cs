using HelpDesk.Application.Audit;
using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Application.Credits;
using HelpDesk.Application.Escalations;
using HelpDesk.Application.Macros;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Pages.Shared.Components.SubscriberIncidents;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

public sealed partial class DetailsModel(IMediator mediator) : PageModel
{
    public CaseDetails? Case { get; private set; }

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public IReadOnlyList<HelpDesk.Application.Email.CaseEmailView> Emails { get; private set; } = [];

    public IReadOnlyList<MacroView> Macros { get; private set; } = [];

    /// <summary>Credits asked for and given on this case (_Credits.cshtml).</summary>
    public GetCaseCredits.Result? Credits { get; private set; }
    /// <summary>The case's escalations, oldest first (_Escalation.cshtml).</summary>
    public IReadOnlyList<EscalationView> Escalations { get; private set; } = [];

    /// <summary>Set when the case comes from an unverified guest chat (staff only): the page warns and collapses the subscriber context.</summary>
    public HelpDesk.Application.Chat.GuestIdentityView? Guest { get; private set; }

    /// <summary>The macro chosen with <c>?macro=</c> (works without JavaScript): its text pre-fills the reply.</summary>
    public Guid? SelectedMacro { get; private set; }

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    public sealed class MessageInput
    {
        public string Body { get; set; } = string.Empty;
        public bool Internal { get; set; }
        public Guid RequestId { get; set; }
        public string? Explanation { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? macro)
    {
        Message.RequestId = Guid.NewGuid();
        var page = await LoadAsync(id);
        if (Case is not null && macro is { } macroId)
        {
            try
            {
                // The case is known to be reachable, so "not found" here is about the macro.
                var rendered = await mediator.Send(new RenderMacro.Query(id, macroId), HttpContext.RequestAborted);
                (Message.Body, Message.Explanation, SelectedMacro) = (rendered.Body, rendered.Explanation, macroId);
            }
            catch (NotFoundException ex)
            {
                ModelState.AddModelError(string.Empty, ex.Message);
            }
        }

        return page;
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id)
    {
        try
        {
            await mediator.Send(new AddMessage.Command(
                id, Message.Body ?? string.Empty, Message.Internal, Message.RequestId == Guid.Empty ? null : Message.RequestId,
                string.IsNullOrWhiteSpace(Message.Explanation) ? null : Message.Explanation), HttpContext.RequestAborted);
            TempData["Flash"] = Message.Internal ? "Internal note added." : "Reply sent.";
            return RedirectToPage("Details", new { id });
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Message)))
        {
            return await LoadAsync(id);
        }
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid id)
    {
        try
        {
            var result = await mediator.Send(new ResolveCase.Command(id), HttpContext.RequestAborted);
            TempData["Flash"] = $"Case {result.Number} is resolved.";
            return RedirectToPage("Details", new { id });
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await LoadAsync(id);
        }
    }

    /// <summary>Everything the page shows, in one request (GetCaseWorkspace: the case authorized once, two SQL statements).</summary>
    private async Task<IActionResult> LoadAsync(Guid id)
    {
        try
        {
            var workspace = await mediator.Send(new GetCaseWorkspace.Query(id), HttpContext.RequestAborted);
            Case = workspace.Case;
            History = workspace.History;
            Emails = workspace.Emails;
            Deliveries = workspace.Deliveries;
            Macros = workspace.Macros;
            Credits = workspace.Credits;
            Escalations = workspace.Escalations;
            Guest = workspace.Guest;
            ViewData[SubscriberIncidentsViewComponent.ViewDataKey] = workspace.Incidents;
            LoadActions(workspace.Assignees);
            return Page();
        }
        catch (NotFoundException)
        {
            // A case that moved above the agent's tier stays readable to whoever held it (the "held before" view).
            if (await HeldBeforeAsync(id))
            {
                return RedirectToPage("Held", new { id });
            }

            throw;
        }
    }

    private async Task<bool> HeldBeforeAsync(Guid id)
    {
        try
        {
            await mediator.Send(new GetHeldCase.Query(id), HttpContext.RequestAborted);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
