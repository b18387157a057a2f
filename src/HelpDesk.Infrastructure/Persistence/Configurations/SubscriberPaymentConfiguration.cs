using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class SubscriberPaymentConfiguration : IEntityTypeConfiguration<SubscriberPayment>
{
    public void Configure(EntityTypeBuilder<SubscriberPayment> builder)
    {
        builder.ToTable("subscriber_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(p => p.Method).HasMaxLength(64).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(p => p.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.SubscriberId, p.At });
    }
}
