using HelpDesk.Domain.Credits;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CreditAuthorityPolicyConfiguration : IEntityTypeConfiguration<CreditAuthorityPolicy>
{
    public void Configure(EntityTypeBuilder<CreditAuthorityPolicy> builder)
    {
        builder.ToTable("credit_authority_policies");
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.Version).IsUnique();
        builder.Property(p => p.CreatedBy).HasMaxLength(200).IsRequired();
        builder.Ignore(p => p.KnownReasonCodes);
        builder.OwnsMany(p => p.Limits, limits =>
        {
            limits.ToTable("credit_authority_limits");
            limits.WithOwner().HasForeignKey("PolicyId");
            limits.Property<int>("Id");
            limits.HasKey("PolicyId", "Id");
            limits.Property(l => l.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
            limits.Property(l => l.MaxSingle).HasPrecision(12, 2);
            limits.Property(l => l.MaxPer30Days).HasPrecision(12, 2);
            limits.HasIndex("PolicyId", nameof(CreditLimit.Tier), nameof(CreditLimit.Currency)).IsUnique();
        });
        builder.Navigation(p => p.Limits).HasField("_limits").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(p => p.Reasons, reasons =>
        {
            reasons.ToTable("credit_authority_reasons");
            reasons.WithOwner().HasForeignKey("PolicyId");
            reasons.Property<int>("Id");
            reasons.HasKey("PolicyId", "Id");
            reasons.Property(r => r.ReasonCode).HasMaxLength(CreditAuthorityPolicy.MaxReasonCodeLength).IsRequired();
            reasons.HasIndex("PolicyId", nameof(CreditReasonGrant.Tier), nameof(CreditReasonGrant.ReasonCode)).IsUnique();
        });
        builder.Navigation(p => p.Reasons).HasField("_reasons").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}
