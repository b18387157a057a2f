using HelpDesk.Application.Admin;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Email;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace HelpDesk.Web.Areas.Admin.Pages.Mailboxes;

public sealed class IndexModel(IMediator mediator, IClock clock) : PageModel
{
    /// <summary>Mail set aside (opened no case) in the last 7 days, per reason.</summary>
    public IReadOnlyList<IgnoredMailCount> IgnoredLastWeek { get; private set; } = [];

    public DateTimeOffset WeekAgo { get; private set; }

    public IReadOnlyList<MailboxModel> Mailboxes { get; private set; } = [];

    public TestMailboxConnection.Result? TestResult { get; private set; }

    public Guid? TestedId { get; private set; }

    public async Task OnGetAsync()
    {
        Mailboxes = await mediator.Send(new ListMailboxes.Query());
        await CountIgnoredAsync();
    }

    private async Task CountIgnoredAsync()
    {
        WeekAgo = clock.UtcNow.AddDays(-7);
        IgnoredLastWeek = await mediator.Send(new CountIgnoredMail.Query(WeekAgo));
    }

    public async Task<IActionResult> OnPostTestAsync(Guid id)
    {
        TestedId = id;
        TestResult = await mediator.Send(new TestMailboxConnection.Query(id));
        Mailboxes = await mediator.Send(new ListMailboxes.Query());
        await CountIgnoredAsync();
        return Page();
    }
}
