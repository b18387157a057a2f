using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Escalations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "supervisor_answer_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "escalation_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    rule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    requested_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by_subscriber_id = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    from_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    to_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    needs_approval = table.Column<bool>(type: "boolean", nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    answer_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_requests", x => x.id);
                    table.CheckConstraint("ck_escalation_requests_not_self_decided", "decided_by_agent_id IS NULL OR requested_by_agent_id IS NULL OR decided_by_agent_id <> requested_by_agent_id");
                    table.CheckConstraint("ck_escalation_requests_rejection_comment", "status <> 'Rejected' OR length(btrim(coalesce(decision_comment, ''))) > 0");
                    table.ForeignKey(
                        name: "fk_escalation_requests_agents_requested_by_agent_id",
                        column: x => x.requested_by_agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_escalation_requests_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_requests_case_id_kind",
                table: "escalation_requests",
                columns: new[] { "case_id", "kind" },
                unique: true,
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_requests_case_id_requested_at",
                table: "escalation_requests",
                columns: new[] { "case_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_requests_requested_at",
                table: "escalation_requests",
                column: "requested_at",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_requests_requested_by_agent_id",
                table: "escalation_requests",
                column: "requested_by_agent_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_requests");

            migrationBuilder.DropColumn(
                name: "supervisor_answer_due_at",
                table: "cases");
        }
    }
}
