using HelpDesk.Domain.Queues;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class WorkQueueConfiguration : IEntityTypeConfiguration<WorkQueue>
{
    public void Configure(EntityTypeBuilder<WorkQueue> builder)
    {
        builder.ToTable("queues");
        builder.HasKey(q => q.Name);
        builder.Property(q => q.Name).HasMaxLength(WorkQueue.MaxNameLength);
        builder.Property(q => q.Description).HasMaxLength(300).IsRequired();
    }
}
