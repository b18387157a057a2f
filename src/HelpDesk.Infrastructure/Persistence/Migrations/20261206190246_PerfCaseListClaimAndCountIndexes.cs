using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PerfCaseListClaimAndCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases",
                column: "queue",
                filter: "status NOT IN ('Resolved', 'Closed')")
                .Annotation("Npgsql:IndexInclude", new[] { "tier", "status", "assignee_id", "created_at", "response_sla", "resolution_sla", "response_warn_at", "resolution_warn_at", "response_due_at", "resolution_due_at", "follow_up_due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_claim_waiting",
                table: "cases",
                columns: new[] { "queue", "attention_at", "created_at" },
                filter: "assignee_id IS NULL AND merged_into_id IS NULL AND status NOT IN ('Resolved', 'Closed', 'PendingSubscriber')");

            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_newest",
                table: "cases",
                columns: new[] { "created_at", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_cases_perf_queue_newest",
                table: "cases",
                columns: new[] { "queue", "created_at", "id" },
                descending: new[] { false, true, true });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_perf_active_counts",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_perf_claim_waiting",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_perf_newest",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_perf_queue_newest",
                table: "cases");
        }
    }
}
