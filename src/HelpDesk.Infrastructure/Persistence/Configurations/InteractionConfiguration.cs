using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class InteractionConfiguration : IEntityTypeConfiguration<Interaction>
{
    public void Configure(EntityTypeBuilder<Interaction> builder)
    {
        builder.ToTable("interactions");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.AuthorName).HasMaxLength(200).IsRequired();
        builder.Property(i => i.Body).IsRequired();
        builder.HasIndex(i => new { i.CaseId, i.CreatedAt });
        builder.HasIndex(i => new { i.CaseId, i.ClientRequestId }).IsUnique().HasFilter("client_request_id IS NOT NULL");
        builder.Property(i => i.Explanation).HasMaxLength(Interaction.MaxExplanationLength);
        builder.Property(i => i.EmailMessageId).HasMaxLength(400);
        builder.HasIndex(i => i.EmailMessageId).HasFilter("email_message_id IS NOT NULL");
        // The full-text column search_vector (generated from body, GIN-indexed) is the database's own, outside the model:
        // see CaseConfiguration.
    }
}
