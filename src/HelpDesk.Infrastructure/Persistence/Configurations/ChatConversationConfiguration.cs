using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class ChatConversationConfiguration : IEntityTypeConfiguration<ChatConversation>
{
    public void Configure(EntityTypeBuilder<ChatConversation> builder)
    {
        builder.ToTable("chat_conversations");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Property(c => c.DisplayName).HasMaxLength(ChatConversation.MaxNameLength).IsRequired();
        builder.Property(c => c.GuestEmail).HasMaxLength(256);
        builder.Property(c => c.AccessTokenHash).HasMaxLength(64);
        builder.Property(c => c.Language).HasMaxLength(16).IsRequired();
        builder.Property(c => c.AgentName).HasMaxLength(200);
        builder.Property(c => c.IntentKey).HasMaxLength(64);
        builder.Property(c => c.RatingComment).HasMaxLength(ChatConversation.MaxCommentLength);
        builder.Ignore(c => c.IsWaiting);
        builder.Ignore(c => c.CanRate);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);

        // The human queue: waiting chats by queue, in order.
        builder.HasIndex(c => new { c.QueueTier, c.Language, c.QueuedAt })
            .HasFilter("state IN ('Queued', 'FallbackOffered')").HasDatabaseName("ix_chat_conversations_waiting");
        builder.HasIndex(c => c.AgentId).HasFilter("state = 'WithAgent'").HasDatabaseName("ix_chat_conversations_with_agent");
        builder.HasIndex(c => c.AcceptedAt).HasFilter("accepted_at IS NOT NULL").HasDatabaseName("ix_chat_conversations_accepted");
        builder.HasIndex(c => c.CaseId);
        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
    }
}
