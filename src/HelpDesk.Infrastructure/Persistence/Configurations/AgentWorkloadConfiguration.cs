using HelpDesk.Domain.Agents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HelpDesk.Infrastructure.Persistence.Configurations;

/// <summary>
/// Written only by the database (the trigger <c>cases_agent_workload_*</c>, migration <c>AgentWorkloads</c>, ADR 0135);
/// an agent with no active case may have no row.
/// </summary>
internal sealed class AgentWorkloadConfiguration : IEntityTypeConfiguration<AgentWorkload>
{
    public void Configure(EntityTypeBuilder<AgentWorkload> builder)
    {
        builder.ToTable("agent_workloads");
        builder.HasKey(w => w.AgentId);
        builder.Property(w => w.AgentId).ValueGeneratedNever();
        builder.HasOne<Agent>().WithOne().HasForeignKey<AgentWorkload>(w => w.AgentId).OnDelete(DeleteBehavior.Cascade);
    }
}
