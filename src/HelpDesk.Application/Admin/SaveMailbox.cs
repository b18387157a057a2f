using FluentValidation;
using HelpDesk.Application.Common;
using HelpDesk.Application.Common.Abstractions;
using HelpDesk.Application.Common.Security;
using HelpDesk.Application.Email;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Email;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace HelpDesk.Application.Admin;

/// <summary>
/// Creates (no <c>Id</c>) or changes a support mailbox. Passwords are stored protected; an empty password keeps the stored
/// one, so the form never has to show it back.
/// </summary>
public static class SaveMailbox
{
    public sealed record Command(
        Guid? Id, string Name, string Address, string? FromName, bool Enabled,
        string ImapHost, int ImapPort, MailSecurity ImapSecurity, string ImapUser, string? ImapPassword, string InboxFolder, string ProcessedFolder,
        string SmtpHost, int SmtpPort, MailSecurity SmtpSecurity, string SmtpUser, string? SmtpPassword, string DefaultQueueKey)
        : ICommand<MailboxModel>, IRequireAdmin;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage("Give the mailbox a name agents will recognise.").MaximumLength(Mailbox.MaxNameLength);
            RuleFor(c => c.Address).NotEmpty().WithMessage("Enter the address subscribers write to.")
                .Must(EmailAddressRules.IsDeliverable).WithMessage("Enter a valid email address, like support@example.com.").MaximumLength(Mailbox.MaxAddressLength);
            RuleFor(c => c.ImapHost).NotEmpty().When(c => c.Enabled).WithMessage("An enabled mailbox needs an IMAP host to fetch mail from.")
                .MaximumLength(Mailbox.MaxHostLength);
            RuleFor(c => c.ImapPort).InclusiveBetween(1, 65535).WithMessage("The IMAP port must be between 1 and 65535 (usually 993, or 143 with STARTTLS).");
            RuleFor(c => c.SmtpPort).InclusiveBetween(1, 65535).WithMessage("The SMTP port must be between 1 and 65535 (usually 587, or 465 with TLS).");
            RuleFor(c => c.ImapUser).MaximumLength(Mailbox.MaxUserLength);
            RuleFor(c => c.SmtpUser).MaximumLength(Mailbox.MaxUserLength);
            RuleFor(c => c.SmtpHost).MaximumLength(Mailbox.MaxHostLength);
            RuleFor(c => c.InboxFolder).NotEmpty().WithMessage("Name the folder new mail arrives in (usually INBOX).").MaximumLength(Mailbox.MaxFolderLength);
            RuleFor(c => c.ProcessedFolder).MaximumLength(Mailbox.MaxFolderLength);
            RuleFor(c => c.DefaultQueueKey).NotEmpty().WithMessage("Choose the queue new cases from this mailbox join.");
        }
    }

    public sealed class Handler(IHelpDeskDb db, ICurrentUser user, IClock clock, IMailboxSecrets secrets) : ICommandHandler<Command, MailboxModel>
    {
        public async ValueTask<MailboxModel> Handle(Command command, CancellationToken cancellationToken)
        {
            var now = clock.UtcNow;
            if (!await db.Queues.AnyAsync(q => q.Name == command.DefaultQueueKey, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.DefaultQueueKey), $"There is no queue '{command.DefaultQueueKey}'.")]);
            }

            var address = command.Address.Trim().ToLowerInvariant();
            if (await db.Mailboxes.AnyAsync(m => m.Address == address && m.Id != command.Id, cancellationToken))
            {
                throw new ValidationException([new FluentValidation.Results.ValidationFailure(nameof(Command.Address), $"Another mailbox already uses {address}.")]);
            }

            Mailbox mailbox;
            if (command.Id is { } id)
            {
                mailbox = await db.Mailboxes.SingleOrDefaultAsync(m => m.Id == id, cancellationToken) ?? throw new NotFoundException($"Mailbox {id} was not found.");
            }
            else
            {
                mailbox = Mailbox.Create(command.Name, address, command.DefaultQueueKey, now);
                db.Mailboxes.Add(mailbox);
            }

            mailbox.Rename(command.Name, address, command.FromName, command.DefaultQueueKey, now);
            mailbox.ConfigureImap(command.ImapHost, command.ImapPort, command.ImapSecurity, command.ImapUser,
                string.IsNullOrEmpty(command.ImapPassword) ? null : secrets.Protect(command.ImapPassword),
                command.InboxFolder, command.ProcessedFolder, now);
            mailbox.ConfigureSmtp(command.SmtpHost, command.SmtpPort, command.SmtpSecurity, command.SmtpUser,
                string.IsNullOrEmpty(command.SmtpPassword) ? null : secrets.Protect(command.SmtpPassword), now);
            mailbox.SetEnabled(command.Enabled, now);
            db.AuditEvents.Add(AuditEvent.Record(now, user.AsActor(), command.Id is null ? "mailbox.created" : "mailbox.changed", "mailbox", mailbox.Id.ToString(), null,
                AuditData.Of(("address", null, mailbox.Address), ("enabled", null, mailbox.Enabled.ToString()), ("imap_host", null, mailbox.ImapHost),
                    ("imap_password", null, command.ImapPassword is { Length: > 0 } ? "changed" : "kept"), ("smtp_password", null, command.SmtpPassword is { Length: > 0 } ? "changed" : "kept"))));
            return new MailboxModel(
                mailbox.Id, mailbox.Name, mailbox.Address, mailbox.FromName, mailbox.Enabled,
                mailbox.ImapHost, mailbox.ImapPort, mailbox.ImapSecurity, mailbox.ImapUser, mailbox.ImapPasswordProtected != null, mailbox.InboxFolder, mailbox.ProcessedFolder,
                mailbox.SmtpHost, mailbox.SmtpPort, mailbox.SmtpSecurity, mailbox.SmtpUser, mailbox.SmtpPasswordProtected != null,
                mailbox.DefaultQueueKey, mailbox.LastPolledAt, mailbox.LastError, mailbox.LastErrorAt);
        }
    }
}
