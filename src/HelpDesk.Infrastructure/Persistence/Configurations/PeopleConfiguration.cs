using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Subscribers;
using HelpDesk.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class SubscriberConfiguration : IEntityTypeConfiguration<Subscriber>
{
    public void Configure(EntityTypeBuilder<Subscriber> builder)
    {
        builder.ToTable("subscribers");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Email).HasMaxLength(254).IsRequired();
        builder.Property(s => s.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(s => s.LastName).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Country).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(s => s.Language).HasMaxLength(16).IsRequired();
        builder.Property(s => s.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(s => s.BillingCurrency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(s => s.MonthlyPrice).HasPrecision(12, 2);
        builder.Ignore(s => s.DisplayName);
        builder.HasIndex(s => s.Email).IsUnique();
        builder.HasIndex(s => s.UserId).IsUnique().HasFilter("user_id IS NOT NULL");
        builder.HasOne<HelpDeskUser>().WithOne().HasForeignKey<Subscriber>(s => s.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PendingRegistrationConfiguration : IEntityTypeConfiguration<PendingRegistration>
{
    public void Configure(EntityTypeBuilder<PendingRegistration> builder)
    {
        builder.ToTable("pending_registrations");
        builder.HasKey(p => p.UserId);
        builder.Property(p => p.UserId).HasMaxLength(450);
        builder.Property(p => p.Email).HasMaxLength(254).IsRequired();
        builder.Property(p => p.FirstName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.LastName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.Country).HasMaxLength(2).IsFixedLength().IsRequired();
        builder.Property(p => p.Language).HasMaxLength(16).IsRequired();
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.HasOne<HelpDeskUser>().WithOne().HasForeignKey<PendingRegistration>(p => p.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

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

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("audit_events");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).UseIdentityAlwaysColumn();
        builder.Property(a => a.Action).HasMaxLength(64).IsRequired();
        builder.Property(a => a.ActorName).HasMaxLength(254).IsRequired();
        builder.Property(a => a.ActorIp).HasMaxLength(64);
        builder.Property(a => a.EntityType).HasMaxLength(64).IsRequired();
        builder.Property(a => a.EntityId).HasMaxLength(64).IsRequired();
        builder.Property(a => a.Data).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.CaseId, a.OccurredAt });
        builder.HasIndex(a => a.OccurredAt);
    }
}
