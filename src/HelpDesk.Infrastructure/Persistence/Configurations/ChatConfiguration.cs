using System.Text.Json;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Chat;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<ChatMessage> builder)
    {
        builder.ToTable("chat_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.DisplayName).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Text).HasMaxLength(ChatConversation.MaxMessageLength).IsRequired();
        builder.Property(m => m.Steps)
            .HasColumnType("jsonb")
            .HasConversion(
                steps => JsonSerializer.Serialize(steps, Json),
                json => JsonSerializer.Deserialize<List<ChatStep>>(json, Json) ?? new List<ChatStep>(),
                new ValueComparer<List<ChatStep>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, s) => HashCode.Combine(hash, s.GetHashCode())),
                    list => list.ToList()));
        builder.HasOne<ChatConversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.ConversationId, m.Seq }).IsUnique();
        builder.HasIndex(m => new { m.ConversationId, m.ClientMessageId }).IsUnique().HasFilter("client_message_id IS NOT NULL");
    }
}
