using System.Text.Json;
using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Common;
using HelpDesk.Domain.Credits;
using HelpDesk.Domain.Macros;
using HelpDesk.Domain.Queues;
using HelpDesk.Domain.Sla;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
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

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<SlaPolicy> builder)
    {
        builder.ToTable("sla_policies");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Ignore(p => p.Calendar);
        builder.Property(p => p.Hours)
            .HasColumnType("jsonb")
            .HasConversion(
                hours => JsonSerializer.Serialize(hours, Json),
                json => JsonSerializer.Deserialize<List<BusinessHours>>(json, Json) ?? new List<BusinessHours>(),
                new ValueComparer<List<BusinessHours>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, h) => HashCode.Combine(hash, h.GetHashCode())),
                    list => list.ToList()));
        builder.HasIndex(p => new { p.Priority, p.Channel }).IsUnique().AreNullsDistinct(false);
    }
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasMaxLength(64).IsRequired();
        builder.Property(n => n.Message).HasMaxLength(1000).IsRequired();
        builder.HasOne<Agent>().WithMany().HasForeignKey(n => n.AgentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.AgentId, n.CreatedAt });
    }
}

internal sealed class MacroConfiguration : IEntityTypeConfiguration<Macro>
{
    public void Configure(EntityTypeBuilder<Macro> builder)
    {
        builder.ToTable("macros");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(Macro.MaxNameLength).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(Macro.MaxBodyLength).IsRequired();
        builder.Property(m => m.Explanation).HasMaxLength(Macro.MaxExplanationLength);
        builder.HasIndex(m => m.Name).IsUnique().HasFilter("is_active");
    }
}

internal sealed class SubscriberDeviceConfiguration : IEntityTypeConfiguration<SubscriberDevice>
{
    public void Configure(EntityTypeBuilder<SubscriberDevice> builder)
    {
        builder.ToTable("subscriber_devices");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Name).HasMaxLength(200).IsRequired();
        builder.Property(d => d.AppVersion).HasMaxLength(32).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(d => d.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.SubscriberId, d.LastSeenAt });
        // Incident matching (ADR 0115): devices of a kind and/or app version, with their subscriber, from the index alone.
        builder.HasIndex(d => new { d.Kind, d.AppVersion, d.SubscriberId }).HasDatabaseName("ix_subscriber_devices_kind_version");
        builder.HasIndex(d => new { d.AppVersion, d.SubscriberId }).HasDatabaseName("ix_subscriber_devices_version");
    }
}

internal sealed class SubscriberPaymentConfiguration : IEntityTypeConfiguration<SubscriberPayment>
{
    public void Configure(EntityTypeBuilder<SubscriberPayment> builder)
    {
        builder.ToTable("subscriber_payments");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
        builder.Property(p => p.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(p => p.Method).HasMaxLength(64).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(p => p.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.SubscriberId, p.At });
    }
}

internal sealed class CreditEntryConfiguration : IEntityTypeConfiguration<CreditEntry>
{
    public void Configure(EntityTypeBuilder<CreditEntry> builder)
    {
        builder.ToTable("credit_entries");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Amount).HasPrecision(12, 2);
        builder.Property(c => c.Currency).HasMaxLength(3).IsFixedLength().IsRequired();
        builder.Property(c => c.ReasonCode).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(1000);
        builder.Property(c => c.IssuedByName).HasMaxLength(200).IsRequired();
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Case>().WithMany().HasForeignKey(c => c.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
        // Every credit is recorded exactly once: a request issues at most one entry, an entry is reversed at most once.
        builder.HasIndex(c => c.CreditRequestId).IsUnique().HasFilter("credit_request_id IS NOT NULL");
        builder.HasIndex(c => c.ReversesId).IsUnique().HasFilter("reverses_id IS NOT NULL");
        // A bulk goodwill credit reaches each subscriber at most once per incident (ADR 0116).
        builder.HasIndex(c => new { c.IncidentId, c.SubscriberId }).IsUnique().HasFilter("incident_id IS NOT NULL AND kind = 'Issue'")
            .HasDatabaseName("ux_credit_entries_incident_subscriber");
        builder.HasOne<CreditRequest>().WithMany().HasForeignKey(c => c.CreditRequestId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CreditEntry>().WithMany().HasForeignKey(c => c.ReversesId).OnDelete(DeleteBehavior.Restrict);
    }
}
