using HelpDesk.Application.Admin;
using HelpDesk.Application.Common;
using HelpDesk.Domain.Email;
using HelpDesk.Web.Localization;
using HelpDesk.Web.Pages;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace HelpDesk.Web.Areas.Admin.Pages.Mailboxes;

public sealed class EditModel(IMediator mediator, IStringLocalizer<SharedResource> localizer) : PageModel
{
    [BindProperty]
    public MailboxInput Input { get; set; } = new();

    public MailboxModel? Existing { get; private set; }

    public IReadOnlyList<QueueChoice> Queues { get; private set; } = [];

    public sealed class MailboxInput
    {
        public string Name { get; set; } = "";
        public string Address { get; set; } = "";
        public string? FromName { get; set; }
        public bool Enabled { get; set; }
        public string ImapHost { get; set; } = "";
        public int ImapPort { get; set; } = 993;
        public MailSecurity ImapSecurity { get; set; } = MailSecurity.Tls;
        public string ImapUser { get; set; } = "";
        public string? ImapPassword { get; set; }
        public string InboxFolder { get; set; } = "INBOX";
        public string ProcessedFolder { get; set; } = "Processed";
        public string SmtpHost { get; set; } = "";
        public int SmtpPort { get; set; } = 587;
        public MailSecurity SmtpSecurity { get; set; } = MailSecurity.StartTls;
        public string SmtpUser { get; set; } = "";
        public string? SmtpPassword { get; set; }
        public string DefaultQueueKey { get; set; } = "";
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Existing is { } m)
        {
            Input = new MailboxInput
            {
                Name = m.Name, Address = m.Address, FromName = m.FromName, Enabled = m.Enabled,
                ImapHost = m.ImapHost, ImapPort = m.ImapPort, ImapSecurity = m.ImapSecurity, ImapUser = m.ImapUser,
                InboxFolder = m.InboxFolder, ProcessedFolder = m.ProcessedFolder,
                SmtpHost = m.SmtpHost, SmtpPort = m.SmtpPort, SmtpSecurity = m.SmtpSecurity, SmtpUser = m.SmtpUser,
                DefaultQueueKey = m.DefaultQueueKey,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        try
        {
            var i = Input;
            var saved = await mediator.Send(new SaveMailbox.Command(
                id, i.Name ?? "", i.Address ?? "", i.FromName, i.Enabled, i.ImapHost ?? "", i.ImapPort, i.ImapSecurity, i.ImapUser ?? "", i.ImapPassword,
                i.InboxFolder ?? "", i.ProcessedFolder ?? "", i.SmtpHost ?? "", i.SmtpPort, i.SmtpSecurity, i.SmtpUser ?? "", i.SmtpPassword, i.DefaultQueueKey ?? ""), HttpContext.RequestAborted);
            TempData["Flash"] = localizer["Saved mailbox {0}.", saved.Name].Value;
            return RedirectToPage("Index");
        }
        catch (Exception ex) when (ModelState.TryAddTo(ex, nameof(Input)))
        {
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid? id)
    {
        Queues = await mediator.Send(new ListQueueChoices.Query(), HttpContext.RequestAborted);
        if (id is null)
        {
            return true;
        }

        try
        {
            Existing = (await mediator.Send(new ListMailboxes.Query(id), HttpContext.RequestAborted))[0];
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}
