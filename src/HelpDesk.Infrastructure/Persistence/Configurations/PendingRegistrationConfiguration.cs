using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class PendingRegistrationConfiguration : IEntityTypeConfiguration<PendingRegistration>
{
    public void Configure(EntityTypeBuilder<PendingRegistration> builder)
    {
        builder.ToTable("pending_registrations");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Email).HasMaxLength(254).IsRequired();
        builder.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Country).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(p => p.Language).HasMaxLength(16).IsRequired();
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.HasOne<HelpDeskUser>().WithOne().HasForeignKey<PendingRegistration>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
