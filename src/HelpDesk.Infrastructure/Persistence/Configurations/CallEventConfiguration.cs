using HelpDesk.Domain.Callbacks;
using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

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
