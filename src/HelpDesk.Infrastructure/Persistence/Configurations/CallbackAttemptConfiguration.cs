using HelpDesk.Domain.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

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
