using HelpDesk.Application.Common;
using HelpDesk.Application.Notifications;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Agent.Pages.Notifications;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Unread { get; set; }

    public NotificationPage Notifications { get; private set; } = new([], null, 0);

    public async Task OnGetAsync()
    {
        try
        {
            Notifications = await mediator.Send(new ListNotifications.Query(Cursor, UnreadOnly: Unread), HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, string.Empty))
        {
        }
    }

    /// <summary>The unread count as JSON, fetched by the live console when a "notification" push arrives.</summary>
    public async Task<IActionResult> OnGetCountAsync() =>
        new JsonResult(new { unread = await mediator.Send(new CountUnreadNotifications.Query(), HttpContext.RequestAborted) });

    public async Task<IActionResult> OnPostReadAsync(Guid id)
    {
        await mediator.Send(new MarkNotificationRead.Command(id), HttpContext.RequestAborted);

        return RedirectToPage(new { Cursor, Unread });
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var result = await mediator.Send(new MarkAllNotificationsRead.Command(), HttpContext.RequestAborted);
        TempData["Flash"] = result.Marked == 1 ? "1 notification marked read." : $"{result.Marked} notifications marked read.";
        return RedirectToPage(new { Unread });
    }
}
