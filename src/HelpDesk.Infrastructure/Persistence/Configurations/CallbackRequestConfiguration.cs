using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CallbackRequestConfiguration : IEntityTypeConfiguration<CallbackRequest>
{
    public void Configure(EntityTypeBuilder<CallbackRequest> builder)
    {
        builder.ToTable("callback_requests");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.Phone).HasMaxLength(PhoneNumber.MaxDigits + 1).IsRequired();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Topic).HasMaxLength(CallbackRequest.MaxTopicLength).IsRequired();
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Attempts).WithOne().HasForeignKey(a => a.CallbackId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Attempts).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The claim's work list: waiting callbacks by due time.
        builder.HasIndex(c => c.DueAt).HasFilter("status = 'Waiting'").HasDatabaseName("ix_callback_requests_due");
        builder.HasIndex(c => c.CaseId);
        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
        builder.HasIndex(c => c.ClaimedById).HasFilter("status = 'Claimed'");
    }
}
