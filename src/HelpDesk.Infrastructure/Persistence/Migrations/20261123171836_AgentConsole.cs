using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_queue_created_at",
                table: "cases");

            migrationBuilder.AddColumn<decimal>(
                name: "monthly_price",
                table: "subscribers",
                type: "numeric(12,2)",
                precision: 12,
                scale: 2,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "explanation",
                table: "interactions",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "attention_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "follow_up_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "language",
                table: "cases",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_agent_reply_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "previous_case_id",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "reopen_count",
                table: "cases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_clock_started_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "resolution_sla",
                table: "cases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolution_warn_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_clock_started_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_due_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "response_sla",
                table: "cases",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "response_warn_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_paused_at",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeSpan>(
                name: "sla_paused_for",
                table: "cases",
                type: "interval",
                nullable: false,
                defaultValue: new TimeSpan(0, 0, 0, 0, 0));

            migrationBuilder.AddColumn<Guid>(
                name: "sla_policy_id",
                table: "cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "capacity",
                table: "agents",
                type: "integer",
                nullable: false,
                defaultValue: 8);

            migrationBuilder.AddColumn<List<string>>(
                name: "languages",
                table: "agents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<List<string>>(
                name: "skills",
                table: "agents",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "interactions",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', body)",
                stored: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "cases",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector('english', coalesce(subject, ''))",
                stored: true);

            migrationBuilder.CreateTable(
                name: "credit_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    issued_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    reverses_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_credit_entries_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_entries_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    settled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_ups_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_ups_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "macros",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    body = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: false),
                    explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_macros", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    message = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_notifications_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "queues",
                columns: table => new
                {
                    name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    description = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    sort_order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_queues", x => x.name);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    first_response = table.Column<TimeSpan>(type: "interval", nullable: false),
                    next_response = table.Column<TimeSpan>(type: "interval", nullable: false),
                    resolution = table.Column<TimeSpan>(type: "interval", nullable: false),
                    warning_percent = table.Column<int>(type: "integer", nullable: false),
                    time_zone_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    hours = table.Column<string>(type: "jsonb", nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subscriber_devices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    app_version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriber_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriber_devices_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriber_payments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    method = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriber_payments", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriber_payments_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    position = table.Column<int>(type: "integer", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    language = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    minimum_priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    target_queue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    set_priority = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_routing_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_routing_rules_queues_target_queue",
                        column: x => x.target_queue,
                        principalTable: "queues",
                        principalColumn: "name",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_interactions_search_vector",
                table: "interactions",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases",
                columns: new[] { "assignee_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_follow_up_due_at",
                table: "cases",
                column: "follow_up_due_at",
                filter: "follow_up_due_at IS NOT NULL");

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
                name: "ix_cases_resolution_warn_at",
                table: "cases",
                column: "resolution_warn_at",
                filter: "resolution_warn_at IS NOT NULL AND resolution_sla <> 'Breached'");

            migrationBuilder.CreateIndex(
                name: "ix_cases_resolved_at",
                table: "cases",
                column: "resolved_at",
                filter: "status = 'Resolved'");

            migrationBuilder.CreateIndex(
                name: "ix_cases_response_warn_at",
                table: "cases",
                column: "response_warn_at",
                filter: "response_warn_at IS NOT NULL AND response_sla <> 'Breached'");

            migrationBuilder.CreateIndex(
                name: "ix_cases_search_vector",
                table: "cases",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_cases_sla_policy_id",
                table: "cases",
                column: "sla_policy_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_entries_case_id",
                table: "credit_entries",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_entries_subscriber_id_created_at",
                table: "credit_entries",
                columns: new[] { "subscriber_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_agent_id",
                table: "follow_ups",
                column: "agent_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_case_id",
                table: "follow_ups",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_status_due_at",
                table: "follow_ups",
                columns: new[] { "status", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_macros_name",
                table: "macros",
                column: "name",
                unique: true,
                filter: "is_active");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_agent_id_created_at",
                table: "notifications",
                columns: new[] { "agent_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_case_id",
                table: "notifications",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_position",
                table: "routing_rules",
                column: "position");

            migrationBuilder.CreateIndex(
                name: "ix_routing_rules_target_queue",
                table: "routing_rules",
                column: "target_queue");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_priority_channel",
                table: "sla_policies",
                columns: new[] { "priority", "channel" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_devices_subscriber_id_last_seen_at",
                table: "subscriber_devices",
                columns: new[] { "subscriber_id", "last_seen_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_payments_subscriber_id_at",
                table: "subscriber_payments",
                columns: new[] { "subscriber_id", "at" });

            migrationBuilder.AddForeignKey(
                name: "fk_cases_cases_merged_into_id",
                table: "cases",
                column: "merged_into_id",
                principalTable: "cases",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cases_cases_previous_case_id",
                table: "cases",
                column: "previous_case_id",
                principalTable: "cases",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_cases_sla_policies_sla_policy_id",
                table: "cases",
                column: "sla_policy_id",
                principalTable: "sla_policies",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_cases_cases_merged_into_id",
                table: "cases");

            migrationBuilder.DropForeignKey(
                name: "fk_cases_cases_previous_case_id",
                table: "cases");

            migrationBuilder.DropForeignKey(
                name: "fk_cases_sla_policies_sla_policy_id",
                table: "cases");

            migrationBuilder.DropTable(
                name: "credit_entries");

            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "macros");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "subscriber_devices");

            migrationBuilder.DropTable(
                name: "subscriber_payments");

            migrationBuilder.DropTable(
                name: "queues");

            migrationBuilder.DropIndex(
                name: "ix_interactions_search_vector",
                table: "interactions");

            migrationBuilder.DropIndex(
                name: "ix_cases_assignee_id_status",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_follow_up_due_at",
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
                name: "ix_cases_resolution_warn_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_resolved_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_response_warn_at",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_search_vector",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_sla_policy_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "monthly_price",
                table: "subscribers");

            migrationBuilder.DropColumn(
                name: "explanation",
                table: "interactions");

            migrationBuilder.DropColumn(
                name: "attention_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "follow_up_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "language",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "last_agent_reply_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "previous_case_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "reopen_count",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "resolution_clock_started_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "resolution_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "resolution_sla",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "resolution_warn_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "response_clock_started_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "response_due_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "response_sla",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "response_warn_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "sla_paused_at",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "sla_paused_for",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "sla_policy_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "capacity",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "languages",
                table: "agents");

            migrationBuilder.DropColumn(
                name: "skills",
                table: "agents");

            migrationBuilder.CreateIndex(
                name: "ix_cases_assignee_id",
                table: "cases",
                column: "assignee_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_queue_created_at",
                table: "cases",
                columns: new[] { "queue", "created_at" },
                filter: "status NOT IN ('Resolved', 'Closed')");
        }
    }
}
