using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
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
    }
}

internal sealed class AppSecretConfiguration : IEntityTypeConfiguration<AppSecret>
{
    public void Configure(EntityTypeBuilder<AppSecret> builder)
    {
        builder.ToTable("app_secrets");
        builder.HasKey(s => s.Name);
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.Value).HasMaxLength(1000).IsRequired();
    }
}

internal sealed class SatisfactionSurveyConfiguration : IEntityTypeConfiguration<SatisfactionSurvey>
{
    public void Configure(EntityTypeBuilder<SatisfactionSurvey> builder)
    {
        builder.ToTable("satisfaction_surveys", t => t.HasCheckConstraint(
            "ck_satisfaction_surveys_rating", $"rating IS NULL OR rating BETWEEN {SatisfactionSurvey.MinRating} AND {SatisfactionSurvey.MaxRating}"));
        builder.HasKey(s => s.Id);
        builder.Property(s => s.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(s => s.TokenHash).IsUnique();
        builder.HasIndex(s => s.CaseId).IsUnique();
        builder.Property(s => s.Comment).HasMaxLength(SatisfactionSurvey.MaxCommentLength);
        builder.Ignore(s => s.IsAnswered);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}
