using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentRecipientConfiguration : IEntityTypeConfiguration<IncidentRecipient>
{
    public void Configure(EntityTypeBuilder<IncidentRecipient> builder)
    {
        builder.ToTable("incident_recipients");
        // Never twice to the same subscriber for the same update (ADR 0115).
        builder.HasKey(r => new { r.UpdateId, r.SubscriberId });
        builder.HasOne<IncidentUpdate>().WithMany().HasForeignKey(r => r.UpdateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(r => r.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IncidentNotice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboundEmail>().WithMany().HasForeignKey(r => r.OutboundEmailId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.NoticeId);
        builder.HasIndex(r => r.SubscriberId);
        builder.HasIndex(r => r.OutboundEmailId).IsUnique();
    }
}
