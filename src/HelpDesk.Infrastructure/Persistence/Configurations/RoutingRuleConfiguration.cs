using HelpDesk.Domain.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class RoutingRuleConfiguration : IEntityTypeConfiguration<RoutingRule>
{
    public void Configure(EntityTypeBuilder<RoutingRule> builder)
    {
        builder.ToTable("routing_rules");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).UseIdentityAlwaysColumn();
        builder.Property(r => r.Name).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Language).HasMaxLength(16);
        builder.Property(r => r.TargetQueue).HasMaxLength(WorkQueue.MaxNameLength).IsRequired();
        builder.HasOne<WorkQueue>().WithMany().HasForeignKey(r => r.TargetQueue).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.Position);
    }
}
