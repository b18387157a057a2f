using HelpDesk.Domain.Agents;
using HelpDesk.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class AgentConfiguration : IEntityTypeConfiguration<Agent>
{
    public void Configure(EntityTypeBuilder<Agent> builder)
    {
        builder.ToTable("agents", t => t.HasCheckConstraint("ck_agents_chat_capacity", $"chat_capacity BETWEEN 0 AND {Agent.MaxChatCapacity}"));
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Email).HasMaxLength(254).IsRequired();
        builder.Property(a => a.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(a => a.LastName).HasMaxLength(100).IsRequired();
        builder.Property(a => a.TimeZone).HasMaxLength(64).IsRequired();
        // Existing agents get the default chat capacity; the sentinel lets a new agent be saved with 0 (takes no chats).
        builder.Property(a => a.ChatCapacity).HasDefaultValue(Agent.DefaultChatCapacity).HasSentinel(-1);
        builder.Ignore(a => a.DisplayName);
        builder.HasIndex(a => a.UserId).IsUnique();
        builder.HasOne<HelpDeskUser>().WithOne().HasForeignKey<Agent>(a => a.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
