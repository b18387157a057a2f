using System.Text.Json;
using HelpDesk.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

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
