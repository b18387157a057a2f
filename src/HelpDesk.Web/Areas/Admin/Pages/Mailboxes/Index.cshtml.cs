using HelpDesk.Application.Admin;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mailboxes;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MailboxModel> Mailboxes { get; private set; } = [];

    public TestMailboxConnection.Result? TestResult { get; private set; }

    public Guid? TestedId { get; private set; }

    public async Task OnGetAsync() => Mailboxes = await mediator.Send(new ListMailboxes.Query());

    public async Task<IActionResult> OnPostTestAsync(Guid id)
    {
        TestedId = id;
        TestResult = await mediator.Send(new TestMailboxConnection.Query(id));
        Mailboxes = await mediator.Send(new ListMailboxes.Query());
        return Page();
    }
}
