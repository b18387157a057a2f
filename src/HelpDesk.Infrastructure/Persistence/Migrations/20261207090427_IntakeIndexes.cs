using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IntakeIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_mailbox_id",
                table: "outbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_merged_into_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_previous_case_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_queue_attention_at_created_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_tier_status_created_at",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_mailbox_id",
                table: "outbound_emails",
                column: "mailbox_id",
                filter: "mailbox_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases",
                columns: new[] { "assignee_id", "status" },
                filter: "assignee_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_merged_into_id",
                table: "cases",
                column: "merged_into_id",
                filter: "merged_into_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_cases_previous_case_id",
                table: "cases",
                column: "previous_case_id",
                filter: "previous_case_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_mailbox_id",
                table: "outbound_emails");

            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_merged_into_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_previous_case_id",
                table: "cases");

            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_mailbox_id",
                table: "outbound_emails",
                column: "mailbox_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_merged_into_id",
                table: "cases",
                column: "merged_into_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_previous_case_id",
                table: "cases",
                column: "previous_case_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_queue_attention_at_created_at",
                table: "cases",
                columns: new[] { "queue", "attention_at", "created_at" },
                filter: "status NOT IN ('Resolved', 'Closed')");

            migrationBuilder.CreateIndex(
                name: "ix_cases_tier_status_created_at",
                table: "cases",
                columns: new[] { "tier", "status", "created_at" });
        }
    }
}
