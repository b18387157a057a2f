using HelpDesk.Application.Callbacks;
using HelpDesk.Domain.Callbacks;
using HelpDesk.Web.Pages;
using HelpDesk.Web.Time;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Portal.Pages.Callbacks;

/// <summary>"Request a callback": phone, a local day and hours in the viewer's time zone, topic; then the confirmation.</summary>
public sealed class NewModel(IMediator mediator, ViewerTime time) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The case the callback is about (from the case page); none opens a new phone case.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? CaseId { get; set; }

    /// <summary>The callback just requested (confirmation).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    public CallbackView? Confirmed { get; private set; }

    public IReadOnlyList<CallbackView> Mine { get; private set; } = [];

    public sealed class InputModel
    {
        public string Phone { get; set; } = string.Empty;
        public DateOnly Date { get; set; }
        public TimeOnly From { get; set; } = new(9, 0);
        public TimeOnly To { get; set; } = new(12, 0);
        public string TimeZone { get; set; } = string.Empty;
        public string Topic { get; set; } = string.Empty;
    }

    public async Task OnGetAsync()
    {
        var local = time.ToLocal(DateTimeOffset.UtcNow);
        Input.Date = DateOnly.FromDateTime(local.DateTime).AddDays(local.Hour >= 12 ? 1 : 0);
        Input.TimeZone = time.Zone.Id;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var view = await mediator.Send(new RequestCallback.Command(
                Input.Phone ?? string.Empty, Input.Date, Input.From, Input.To, Input.TimeZone ?? string.Empty, Input.Topic ?? string.Empty, CaseId));
            TempData["Flash"] = $"Callback requested on case {view.CaseNumber}.";
            return RedirectToPage(new { id = view.Id });
        }
        catch (HelpDesk.Application.Common.NotFoundException)
        {
            // Someone else's case (or none): the same 404 as for any case the subscriber may not open.
            return NotFound();
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex))
        {
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid callbackId)
    {
        try
        {
            await mediator.Send(new CancelCallback.Command(callbackId));
            TempData["Flash"] = "Your callback is cancelled. Your case stays open.";
        }
        catch (HelpDesk.Domain.Common.DomainRuleException ex)
        {
            TempData["Flash"] = ex.Message;
        }
        catch (HelpDesk.Application.Common.NotFoundException)
        {
            return NotFound();
        }

        return RedirectToPage(new { id = callbackId });
    }

    private async Task LoadAsync()
    {
        Mine = await mediator.Send(new ListMyCallbacks.Query());
        Confirmed = Id is { } id ? Mine.FirstOrDefault(c => c.Id == id) : null;
    }

    public static string StatusLabel(CallbackStatus status) => CallbackRequest.Describe(status);
}
