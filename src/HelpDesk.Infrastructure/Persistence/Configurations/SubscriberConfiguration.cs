using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.ToTable("subscribers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Email).HasMaxLength(254).IsRequired();
        builder.Property(s => s.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(s => s.LastName).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(s => s.Language).HasMaxLength(16).IsRequired();
        builder.Property(s => s.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(s => s.BillingCurrency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(s => s.MonthlyPrice).HasPrecision(12, 2);
        builder.Ignore(s => s.DisplayName);
        builder.HasIndex(s => s.Email).IsUnique();
        builder.HasIndex(s => s.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        // Incident matching (ADR 0115): country, then plan, in one index.
        builder.HasIndex(s => new { s.Country, s.Plan }).HasDatabaseName("ix_subscribers_country_plan");
        builder.HasOne<HelpDeskUser>().WithOne().HasForeignKey<Subscriber>(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
