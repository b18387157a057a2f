using HelpDesk.Domain.Incidents;
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
