using HelpDesk.Domain.Agents;
using HelpDesk.Domain.Cases;
using NpgsqlTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> builder)
    {
        builder.ToTable("follow_ups");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.AgentName).HasMaxLength(200).IsRequired();
        builder.Property(f => f.Note).HasMaxLength(FollowUp.MaxNoteLength);
        builder.HasOne<Agent>().WithMany().HasForeignKey(f => f.AgentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => new { f.Status, f.DueAt });
        builder.HasIndex(f => f.CaseId);
        builder.HasIndex(f => new { f.CaseId, f.ClientRequestId }).IsUnique().HasFilter("client_request_id IS NOT NULL");
    }
}
