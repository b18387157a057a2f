using HelpDesk.Domain.Macros;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

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
