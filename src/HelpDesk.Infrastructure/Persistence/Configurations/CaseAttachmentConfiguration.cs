using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CaseAttachmentConfiguration : IEntityTypeConfiguration<CaseAttachment>
{
    public void Configure(EntityTypeBuilder<CaseAttachment> builder)
    {
        builder.ToTable("case_attachments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.FileName).HasMaxLength(CaseAttachment.MaxFileNameLength).IsRequired();
        builder.Property(a => a.ContentType).HasMaxLength(200).IsRequired();
        builder.Property(a => a.ContentId).HasMaxLength(500);
        builder.Property(a => a.RejectedReason).HasMaxLength(1000);
        builder.Property(a => a.Content).IsRequired();
        builder.Ignore(a => a.IsRejected);
        builder.HasOne<Case>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<InboundMessage>().WithMany().HasForeignKey(a => a.InboundMessageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => a.CaseId);
        builder.HasIndex(a => a.InteractionId);
    }
}
