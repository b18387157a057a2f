using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class OutboundEmailConfiguration : IEntityTypeConfiguration<OutboundEmail>
{
    public void Configure(EntityTypeBuilder<OutboundEmail> builder)
    {
        builder.ToTable("outbound_emails");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.ToAddress).HasMaxLength(Mailbox.MaxAddressLength).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Cc).HasMaxLength(2000);
        builder.Property(m => m.Subject).HasMaxLength(OutboundEmail.MaxSubjectLength).IsRequired();
        builder.Property(m => m.MessageId).HasMaxLength(400).IsRequired();
        builder.HasIndex(m => m.MessageId).IsUnique();
        builder.Property(m => m.InReplyTo).HasMaxLength(1000);
        builder.Property(m => m.LastError).HasMaxLength(OutboundEmail.MaxErrorLength);
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.Restrict);

        // The sender's work list: pending mail that is due.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("status = 'Pending'").HasDatabaseName("ix_outbound_emails_due");
        builder.HasIndex(m => m.CaseId);
        // Only mail sent from one of our mailboxes has one (not a case's acknowledgement): the foreign key's index holds those (ADR 0128).
        builder.HasIndex(m => m.MailboxId).HasFilter("mailbox_id IS NOT NULL");

        // The acknowledgement rate limit of inbound mail (acknowledgements to one address in the last hour): an index
        // probe instead of scanning every email ever sent (ADR 0125).
        builder.HasIndex(m => new { m.ToAddress, m.CreatedAt }).HasFilter("kind = 'Acknowledgement'").HasDatabaseName("ix_outbound_emails_acknowledgements");
    }
}
