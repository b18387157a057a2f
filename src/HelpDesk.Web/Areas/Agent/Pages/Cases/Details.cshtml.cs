using HelpDesk.Application.Cases;
using HelpDesk.Application.Common;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Cases;

public sealed partial class DetailsModel(IMediator mediator) : PageModel
{
    public CaseDetails? Case { get; private set; }

    [BindProperty]
    public MessageInput Message { get; set; } = new();

    public sealed class MessageInput
    {
        public string Body { get; set; } = string.Empty;
        public bool Internal { get; set; }
        public Guid RequestId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Message.RequestId = Guid.NewGuid();
        return await LoadAsync(id);
    }

    public async Task<IActionResult> OnPostMessageAsync(Guid id)
    {
        try
        {
            await mediator.Send(new AddMessage.Command(id, Message.Body ?? string.Empty, Message.Internal, Message.RequestId == Guid.Empty ? null : Message.RequestId));
            TempData["Flash"] = Message.Internal ? "Internal note added." : "Reply sent.";
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
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
            var result = await mediator.Send(new ResolveCase.Command(id));
            TempData["Flash"] = $"Case {result.Number} is resolved.";
            return RedirectToPage("Details", new { id });
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
            return await LoadAsync(id);
        }
    }

    private async Task<IActionResult> LoadAsync(Guid id)
    {
        try
        {
            Case = await mediator.Send(new GetCase.Query(id));
            await LoadActionsAsync(id);
            return Page();
        }
        catch (Exception ex) when (IsAccessDenial(ex))
        {
            return ex is NotFoundException ? NotFound() : Forbid();
        }
    }

    /// <summary>Not found, or not allowed (a case above the agent's tier): the page is not theirs to see.</summary>
    private static bool IsAccessDenial(Exception ex) => ex is NotFoundException or ForbiddenException;
}
