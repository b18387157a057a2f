using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class SubscriberDeviceConfiguration : IEntityTypeConfiguration<SubscriberDevice>
{
    public void Configure(EntityTypeBuilder<SubscriberDevice> builder)
    {
        builder.ToTable("subscriber_devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.AppVersion).HasMaxLength(32).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.SubscriberId, d.LastSeenAt });
        // Incident matching (ADR 0115): devices of a kind and/or app version, with their subscriber, from the index alone.
        builder.HasIndex(d => new { d.Kind, d.AppVersion, d.SubscriberId }).HasDatabaseName("ix_subscriber_devices_kind_version");
        builder.HasIndex(d => new { d.AppVersion, d.SubscriberId }).HasDatabaseName("ix_subscriber_devices_version");
    }
}
