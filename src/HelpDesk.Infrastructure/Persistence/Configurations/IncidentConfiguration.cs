using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Email;
using HelpDesk.Domain.Incidents;
using HelpDesk.Domain.Subscribers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(Incident.MaxTitleLength).IsRequired();
        builder.Property(i => i.Description).HasMaxLength(Incident.MaxTextLength).IsRequired();
        builder.Property(i => i.ClosingNote).HasMaxLength(Incident.MaxTextLength);
        builder.Property(i => i.DeclaredByName).HasMaxLength(254).IsRequired();
        builder.Property(i => i.Version).IsRowVersion();
        builder.Property(i => i.Regions).HasColumnType("text[]");
        builder.Property(i => i.Countries).HasColumnType("text[]");
        builder.Property(i => i.Plans).HasColumnType("text[]");
        builder.Property(i => i.DeviceKinds).HasColumnType("text[]");
        builder.Property(i => i.AppVersions).HasColumnType("text[]");
        builder.Property(i => i.Categories).HasColumnType("text[]");
        builder.Ignore(i => i.Scope);
        builder.Ignore(i => i.IsOpen);
        builder.Ignore(i => i.LinkedCategories);
        builder.HasMany(i => i.Updates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(i => i.Updates).UsePropertyAccessMode(PropertyAccessMode.Field);

        // The list (newest first) and "open incidents" (banner, status page, context panel).
        builder.HasIndex(i => new { i.DeclaredAt, i.Id }).IsDescending();
        builder.HasIndex(i => i.Status).HasFilter("status = 'Open'").HasDatabaseName("ix_incidents_open");
    }
}

internal sealed class IncidentUpdateConfiguration : IEntityTypeConfiguration<IncidentUpdate>
{
    public void Configure(EntityTypeBuilder<IncidentUpdate> builder)
    {
        builder.ToTable("incident_updates");
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Id).ValueGeneratedNever();
        builder.Property(u => u.Body).HasMaxLength(Incident.MaxTextLength).IsRequired();
        builder.Property(u => u.AuthorName).HasMaxLength(254).IsRequired();
        builder.Ignore(u => u.IsPublic);
        builder.HasIndex(u => new { u.IncidentId, u.CreatedAt });
    }
}

internal sealed class IncidentNoticeConfiguration : IEntityTypeConfiguration<IncidentNotice>
{
    public void Configure(EntityTypeBuilder<IncidentNotice> builder)
    {
        builder.ToTable("incident_notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.RequestedByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(n => n.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IncidentUpdate>().WithMany().HasForeignKey(n => n.UpdateId).OnDelete(DeleteBehavior.Cascade);
        // One notice per update: asking twice cannot start a second round of mail.
        builder.HasIndex(n => n.UpdateId).IsUnique();
        builder.HasIndex(n => n.RequestedAt).HasFilter("status = 'Running'").HasDatabaseName("ix_incident_notices_running");
    }
}

internal sealed class IncidentRecipientConfiguration : IEntityTypeConfiguration<IncidentRecipient>
{
    public void Configure(EntityTypeBuilder<IncidentRecipient> builder)
    {
        builder.ToTable("incident_recipients");
        // Never twice to the same subscriber for the same update (ADR 0115).
        builder.HasKey(r => new { r.UpdateId, r.SubscriberId });
        builder.HasOne<IncidentUpdate>().WithMany().HasForeignKey(r => r.UpdateId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Subscriber>().WithMany().HasForeignKey(r => r.SubscriberId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<IncidentNotice>().WithMany().HasForeignKey(r => r.NoticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<OutboundEmail>().WithMany().HasForeignKey(r => r.OutboundEmailId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.NoticeId);
        builder.HasIndex(r => r.SubscriberId);
        builder.HasIndex(r => r.OutboundEmailId).IsUnique();
    }
}

internal sealed class IncidentCaseConfiguration : IEntityTypeConfiguration<IncidentCase>
{
    public void Configure(EntityTypeBuilder<IncidentCase> builder)
    {
        builder.ToTable("incident_cases");
        builder.HasKey(l => new { l.IncidentId, l.CaseId });
        builder.Property(l => l.LinkedByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(l => l.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(l => l.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(l => l.CaseId);
    }
}

internal sealed class IncidentBroadcastConfiguration : IEntityTypeConfiguration<IncidentBroadcast>
{
    public void Configure(EntityTypeBuilder<IncidentBroadcast> builder)
    {
        builder.ToTable("incident_broadcasts");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Body).HasMaxLength(Case.MaxBodyLength).IsRequired();
        builder.Property(b => b.ByName).HasMaxLength(254).IsRequired();
        builder.HasOne<Incident>().WithMany().HasForeignKey(b => b.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.IncidentId, b.RequestId }).IsUnique();
    }
}

internal sealed class IncidentBroadcastCaseConfiguration : IEntityTypeConfiguration<IncidentBroadcastCase>
{
    public void Configure(EntityTypeBuilder<IncidentBroadcastCase> builder)
    {
        builder.ToTable("incident_broadcast_cases");
        // One reply per case per broadcast, however often it is retried.
        builder.HasKey(b => new { b.BroadcastId, b.CaseId });
        builder.HasOne<IncidentBroadcast>().WithMany().HasForeignKey(b => b.BroadcastId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Case>().WithMany().HasForeignKey(b => b.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class IncidentCreditRunConfiguration : IEntityTypeConfiguration<IncidentCreditRun>
{
    public void Configure(EntityTypeBuilder<IncidentCreditRun> builder)
    {
        builder.ToTable("incident_credit_runs");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Amounts).HasColumnType("text[]");
        builder.Property(r => r.Percent).HasPrecision(5, 2);
        builder.Property(r => r.Note).HasMaxLength(IncidentCreditRun.MaxNoteLength);
        builder.Property(r => r.PreviewTotals).HasMaxLength(1000).IsRequired();
        builder.Property(r => r.RequestedByName).HasMaxLength(254).IsRequired();
        builder.Property(r => r.DecidedByName).HasMaxLength(254);
        builder.Property(r => r.RejectReason).HasMaxLength(1000);
        builder.Ignore(r => r.AmountByCurrency);
        builder.HasOne<Incident>().WithMany().HasForeignKey(r => r.IncidentId).OnDelete(DeleteBehavior.Cascade);
        // One live proposal per incident (a rejected one may be followed by another).
        builder.HasIndex(r => r.IncidentId).IsUnique().HasFilter("status <> 'Rejected'").HasDatabaseName("ux_incident_credit_runs_live");
        builder.HasIndex(r => r.RequestedAt).HasFilter("status = 'Issuing'").HasDatabaseName("ix_incident_credit_runs_issuing");
    }
}
