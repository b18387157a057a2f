using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerfActiveQueueTierIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases",
                columns: new[] { "queue", "tier" },
                filter: "status NOT IN ('Resolved', 'Closed')")
                .Annotation("Npgsql:IndexInclude", new[] { "status", "assignee_id", "created_at", "response_sla", "resolution_sla", "response_warn_at", "resolution_warn_at", "response_due_at", "resolution_due_at", "follow_up_due_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases",
                column: "queue",
                filter: "status NOT IN ('Resolved', 'Closed')")
                .Annotation("Npgsql:IndexInclude", new[] { "tier", "status", "assignee_id", "created_at", "response_sla", "resolution_sla", "response_warn_at", "resolution_warn_at", "response_due_at", "resolution_due_at", "follow_up_due_at" });
        }
    }
}
