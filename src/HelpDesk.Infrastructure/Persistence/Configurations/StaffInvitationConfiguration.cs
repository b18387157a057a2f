using HelpDesk.Domain.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.ToTable("staff_invitations");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Email).HasMaxLength(254).IsRequired();
        builder.Property(i => i.FirstName).HasMaxLength(StaffInvitation.MaxNameLength).IsRequired();
        builder.Property(i => i.LastName).HasMaxLength(StaffInvitation.MaxNameLength).IsRequired();
        builder.Property(i => i.Role).HasMaxLength(32).IsRequired();
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.Property(i => i.InvitedById).HasMaxLength(450);
        builder.Property(i => i.InvitedByName).HasMaxLength(254).IsRequired();
        builder.Property(i => i.UserId).HasMaxLength(450);
        builder.Ignore(i => i.DisplayName);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.Email);
    }
}
