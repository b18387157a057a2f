using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.ToTable("mailboxes");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(Mailbox.MaxNameLength).IsRequired();
        builder.Property(m => m.Address).HasMaxLength(Mailbox.MaxAddressLength).IsRequired();
        builder.HasIndex(m => m.Address).IsUnique();
        builder.Property(m => m.FromName).HasMaxLength(Mailbox.MaxNameLength);
        builder.Property(m => m.ImapHost).HasMaxLength(Mailbox.MaxHostLength);
        builder.Property(m => m.ImapUser).HasMaxLength(Mailbox.MaxUserLength);
        builder.Property(m => m.InboxFolder).HasMaxLength(Mailbox.MaxFolderLength);
        builder.Property(m => m.ProcessedFolder).HasMaxLength(Mailbox.MaxFolderLength);
        builder.Property(m => m.SmtpHost).HasMaxLength(Mailbox.MaxHostLength);
        builder.Property(m => m.SmtpUser).HasMaxLength(Mailbox.MaxUserLength);
        builder.Property(m => m.DefaultQueueKey).HasMaxLength(64).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(1000);
    }
}
