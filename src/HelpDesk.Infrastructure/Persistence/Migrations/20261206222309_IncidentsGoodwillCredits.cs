using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsGoodwillCredits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "incident_id",
                table: "credit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "incident_credit_runs",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amounts = table.Column<List<string>>(type: "text[]", nullable: false),
                    percent = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    preview_count = table.Column<int>(type: "integer", nullable: false),
                    preview_totals = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    requested_by_agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reject_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    issued = table.Column<int>(type: "integer", nullable: false),
                    skipped = table.Column<int>(type: "integer", nullable: false),
                    cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_credit_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_credit_runs_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ux_credit_entries_incident_subscriber",
                table: "credit_entries",
                columns: new[] { "incident_id", "subscriber_id" },
                unique: true,
                filter: "incident_id IS NOT NULL AND kind = 'Issue'");

            migrationBuilder.CreateIndex(
                name: "ix_incident_credit_runs_issuing",
                table: "incident_credit_runs",
                column: "requested_at",
                filter: "status = 'Issuing'");

            migrationBuilder.CreateIndex(
                name: "ux_incident_credit_runs_live",
                table: "incident_credit_runs",
                column: "incident_id",
                unique: true,
                filter: "status <> 'Rejected'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_credit_runs");

            migrationBuilder.DropIndex(
                name: "ux_credit_entries_incident_subscriber",
                table: "credit_entries");

            migrationBuilder.DropColumn(
                name: "incident_id",
                table: "credit_entries");
        }
    }
}
