using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("inbound_emails");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageId).HasMaxLength(InboundMessage.MaxMessageIdLength).IsRequired();

        // One row per message: a redelivery (IMAP after a crash, a webhook retry) has the same Message-ID and fingerprint and
        // finds the first one; a different message reusing a Message-ID has another fingerprint and gets its own row.
        builder.Property(m => m.Fingerprint).HasMaxLength(64).IsRequired();
        builder.HasIndex(m => new { m.MessageId, m.Fingerprint }).IsUnique();
        builder.Property(m => m.SenderSource).HasMaxLength(20).IsRequired();
        builder.Property(m => m.ReplyToAddress).HasMaxLength(Mailbox.MaxAddressLength);
        builder.Property(m => m.HandledBy).HasMaxLength(200);
        builder.HasIndex(m => new { m.Outcome, m.ReceivedAt });
        builder.Property(m => m.Source).HasMaxLength(20).IsRequired();
        builder.Property(m => m.FromAddress).HasMaxLength(Mailbox.MaxAddressLength);
        builder.Property(m => m.FromName).HasMaxLength(200);
        builder.Property(m => m.Subject).IsRequired();
        builder.Property(m => m.Reason).HasMaxLength(InboundMessage.MaxReasonLength).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(m => m.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(m => m.MailboxId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => m.CaseId);
        builder.HasIndex(m => m.InteractionId);
    }
}
