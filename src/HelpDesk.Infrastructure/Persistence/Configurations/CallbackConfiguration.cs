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

internal sealed class CallbackAttemptConfiguration : IEntityTypeConfiguration<CallbackAttempt>
{
    public void Configure(EntityTypeBuilder<CallbackAttempt> builder)
    {
        builder.ToTable("callback_attempts");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.AgentName).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Notes).HasMaxLength(CallbackRequest.MaxNotesLength);
        builder.HasIndex(a => new { a.CallbackId, a.Number }).IsUnique();
    }
}

internal sealed class CallEventConfiguration : IEntityTypeConfiguration<CallEvent>
{
    public void Configure(EntityTypeBuilder<CallEvent> builder)
    {
        builder.ToTable("call_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.ExternalId).HasMaxLength(CallEvent.MaxExternalIdLength).IsRequired();
        builder.HasIndex(e => e.ExternalId).IsUnique();
        builder.HasOne<CallbackRequest>().WithMany().HasForeignKey(e => e.CallbackId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(e => e.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => e.CallbackId);
    }
}
