using HelpDesk.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> builder)
    {
        builder.ToTable("cases");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Number).HasDefaultValueSql($"nextval('{HelpDeskDbContext.CaseNumberSequence}')");
        builder.HasIndex(c => c.Number).IsUnique();
        builder.Property(c => c.Subject).HasMaxLength(Case.MaxSubjectLength).IsRequired();
        builder.Property(c => c.Queue).HasMaxLength(64).IsRequired();
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.DisplayNumber);
        builder.Ignore(c => c.Stage);

        builder.HasOne(c => c.Subscriber).WithMany().HasForeignKey(c => c.SubscriberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.Assignee).WithMany().HasForeignKey(c => c.AssigneeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Interactions).WithOne().HasForeignKey(i => i.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Interactions).UsePropertyAccessMode(PropertyAccessMode.Field);

        builder.HasIndex(c => new { c.SubscriberId, c.CreatedAt });
        builder.HasIndex(c => new { c.SubscriberId, c.ClientRequestId }).IsUnique().HasFilter("client_request_id IS NOT NULL");
        // Queue reads: open cases per queue, oldest first.
        builder.HasIndex(c => new { c.Queue, c.CreatedAt }).HasFilter("status NOT IN ('Resolved', 'Closed')");
        builder.HasIndex(c => new { c.Tier, c.Status, c.CreatedAt });
    }
}

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
    }
}
