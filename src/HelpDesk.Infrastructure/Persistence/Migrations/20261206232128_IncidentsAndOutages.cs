using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class IncidentsAndOutages : Migration
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
                name: "incidents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    severity = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    regions = table.Column<List<string>>(type: "text[]", nullable: false),
                    countries = table.Column<List<string>>(type: "text[]", nullable: false),
                    plans = table.Column<List<string>>(type: "text[]", nullable: false),
                    device_kinds = table.Column<List<string>>(type: "text[]", nullable: false),
                    app_versions = table.Column<List<string>>(type: "text[]", nullable: false),
                    categories = table.Column<List<string>>(type: "text[]", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expected_end_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    closing_note = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    declared_by_user_id = table.Column<string>(type: "text", nullable: true),
                    declared_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incidents", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "incident_broadcasts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    request_id = table.Column<Guid>(type: "uuid", nullable: false),
                    body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    resolve_cases = table.Column<bool>(type: "boolean", nullable: false),
                    case_count = table.Column<int>(type: "integer", nullable: false),
                    by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_broadcasts", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_broadcasts_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_cases",
                columns: table => new
                {
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    automatic = table.Column<bool>(type: "boolean", nullable: false),
                    linked_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    linked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_cases", x => new { x.incident_id, x.case_id });
                    table.ForeignKey(
                        name: "fk_incident_cases_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_cases_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "incident_updates",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    author_user_id = table.Column<string>(type: "text", nullable: true),
                    author_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_updates_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_broadcast_cases",
                columns: table => new
                {
                    broadcast_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    interaction_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_broadcast_cases", x => new { x.broadcast_id, x.case_id });
                    table.ForeignKey(
                        name: "fk_incident_broadcast_cases_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_broadcast_cases_incident_broadcasts_broadcast_id",
                        column: x => x.broadcast_id,
                        principalTable: "incident_broadcasts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    incident_id = table.Column<Guid>(type: "uuid", nullable: false),
                    update_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    total = table.Column<int>(type: "integer", nullable: false),
                    queued = table.Column<int>(type: "integer", nullable: false),
                    cursor = table.Column<Guid>(type: "uuid", nullable: true),
                    requested_by_name = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_notices", x => x.id);
                    table.ForeignKey(
                        name: "fk_incident_notices_incident_updates_update_id",
                        column: x => x.update_id,
                        principalTable: "incident_updates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_notices_incidents_incident_id",
                        column: x => x.incident_id,
                        principalTable: "incidents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_recipients",
                columns: table => new
                {
                    update_id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    notice_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outbound_email_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_incident_recipients", x => new { x.update_id, x.subscriber_id });
                    table.ForeignKey(
                        name: "fk_incident_recipients_incident_notices_notice_id",
                        column: x => x.notice_id,
                        principalTable: "incident_notices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_recipients_incident_updates_update_id",
                        column: x => x.update_id,
                        principalTable: "incident_updates",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_incident_recipients_outbound_emails_outbound_email_id",
                        column: x => x.outbound_email_id,
                        principalTable: "outbound_emails",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_incident_recipients_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_subscribers_country_plan",
                table: "subscribers",
                columns: new[] { "country", "plan" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_devices_kind_version",
                table: "subscriber_devices",
                columns: new[] { "kind", "app_version", "subscriber_id" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_devices_version",
                table: "subscriber_devices",
                columns: new[] { "app_version", "subscriber_id" });

            migrationBuilder.CreateIndex(
                name: "ux_credit_entries_incident_subscriber",
                table: "credit_entries",
                columns: new[] { "incident_id", "subscriber_id" },
                unique: true,
                filter: "incident_id IS NOT NULL AND kind = 'Issue'");

            migrationBuilder.CreateIndex(
                name: "ix_incident_broadcast_cases_case_id",
                table: "incident_broadcast_cases",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_broadcasts_incident_id_request_id",
                table: "incident_broadcasts",
                columns: new[] { "incident_id", "request_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_cases_case_id",
                table: "incident_cases",
                column: "case_id");

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

            migrationBuilder.CreateIndex(
                name: "ix_incident_notices_incident_id",
                table: "incident_notices",
                column: "incident_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_notices_running",
                table: "incident_notices",
                column: "requested_at",
                filter: "status = 'Running'");

            migrationBuilder.CreateIndex(
                name: "ix_incident_notices_update_id",
                table: "incident_notices",
                column: "update_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_recipients_notice_id",
                table: "incident_recipients",
                column: "notice_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_recipients_outbound_email_id",
                table: "incident_recipients",
                column: "outbound_email_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_incident_recipients_subscriber_id",
                table: "incident_recipients",
                column: "subscriber_id");

            migrationBuilder.CreateIndex(
                name: "ix_incident_updates_incident_id_created_at",
                table: "incident_updates",
                columns: new[] { "incident_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_incidents_declared_at_id",
                table: "incidents",
                columns: new[] { "declared_at", "id" },
                descending: new bool[0]);

            migrationBuilder.CreateIndex(
                name: "ix_incidents_open",
                table: "incidents",
                column: "status",
                filter: "status = 'Open'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "incident_broadcast_cases");

            migrationBuilder.DropTable(
                name: "incident_cases");

            migrationBuilder.DropTable(
                name: "incident_credit_runs");

            migrationBuilder.DropTable(
                name: "incident_recipients");

            migrationBuilder.DropTable(
                name: "incident_broadcasts");

            migrationBuilder.DropTable(
                name: "incident_notices");

            migrationBuilder.DropTable(
                name: "incident_updates");

            migrationBuilder.DropTable(
                name: "incidents");

            migrationBuilder.DropIndex(
                name: "ix_subscribers_country_plan",
                table: "subscribers");

            migrationBuilder.DropIndex(
                name: "ix_subscriber_devices_kind_version",
                table: "subscriber_devices");

            migrationBuilder.DropIndex(
                name: "ix_subscriber_devices_version",
                table: "subscriber_devices");

            migrationBuilder.DropIndex(
                name: "ux_credit_entries_incident_subscriber",
                table: "credit_entries");

            migrationBuilder.DropColumn(
                name: "incident_id",
                table: "credit_entries");
        }
    }
}
