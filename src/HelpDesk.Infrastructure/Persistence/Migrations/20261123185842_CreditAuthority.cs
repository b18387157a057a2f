using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class CreditAuthority : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "credit_request_id",
                table: "credit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "credit_authority_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    effective_from = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    created_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_authority_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    subscriber_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    requested_by_agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requested_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    requested_by_tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    approval_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    policy_version = table.Column<int>(type: "integer", nullable: false),
                    decided_by_agent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    decided_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    client_request_id = table.Column<Guid>(type: "uuid", nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_credit_requests_agents_requested_by_agent_id",
                        column: x => x.requested_by_agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_requests_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_requests_subscribers_subscriber_id",
                        column: x => x.subscriber_id,
                        principalTable: "subscribers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credit_authority_limits",
                columns: table => new
                {
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    max_single = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    max_per30days = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_authority_limits", x => new { x.policy_id, x.id });
                    table.ForeignKey(
                        name: "fk_credit_authority_limits_credit_authority_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "credit_authority_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "credit_authority_reasons",
                columns: table => new
                {
                    policy_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    tier = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    reason_code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_authority_reasons", x => new { x.policy_id, x.id });
                    table.ForeignKey(
                        name: "fk_credit_authority_reasons_credit_authority_policies_policy_id",
                        column: x => x.policy_id,
                        principalTable: "credit_authority_policies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credit_entries_credit_request_id",
                table: "credit_entries",
                column: "credit_request_id",
                unique: true,
                filter: "credit_request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_credit_entries_reverses_id",
                table: "credit_entries",
                column: "reverses_id",
                unique: true,
                filter: "reverses_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_credit_authority_limits_policy_id_tier_currency",
                table: "credit_authority_limits",
                columns: new[] { "policy_id", "tier", "currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_authority_policies_version",
                table: "credit_authority_policies",
                column: "version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_authority_reasons_policy_id_tier_reason_code",
                table: "credit_authority_reasons",
                columns: new[] { "policy_id", "tier", "reason_code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_case_id",
                table: "credit_requests",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_requested_at",
                table: "credit_requests",
                column: "requested_at",
                filter: "status = 'PendingApproval'");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_requested_by_agent_id_client_request_id",
                table: "credit_requests",
                columns: new[] { "requested_by_agent_id", "client_request_id" },
                unique: true,
                filter: "client_request_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_subscriber_id",
                table: "credit_requests",
                column: "subscriber_id");

            migrationBuilder.AddForeignKey(
                name: "fk_credit_entries_credit_entries_reverses_id",
                table: "credit_entries",
                column: "reverses_id",
                principalTable: "credit_entries",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_credit_entries_credit_requests_credit_request_id",
                table: "credit_entries",
                column: "credit_request_id",
                principalTable: "credit_requests",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            // The ledger is append-only in the database too: no code path, script or console session can change or
            // remove a credit entry; a correction is a new (reversal) entry.
            migrationBuilder.Sql("""
                CREATE FUNCTION credit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'credit_entries is append-only: % is not allowed; record a reversal instead', TG_OP
                        USING ERRCODE = 'restrict_violation';
                END;
                $$;
                CREATE TRIGGER credit_entries_no_update_or_delete
                    BEFORE UPDATE OR DELETE ON credit_entries
                    FOR EACH ROW EXECUTE FUNCTION credit_entries_append_only();
                CREATE TRIGGER credit_entries_no_truncate
                    BEFORE TRUNCATE ON credit_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION credit_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS credit_entries_no_truncate ON credit_entries;
                DROP TRIGGER IF EXISTS credit_entries_no_update_or_delete ON credit_entries;
                DROP FUNCTION IF EXISTS credit_entries_append_only();
                """);

            migrationBuilder.DropForeignKey(
                name: "fk_credit_entries_credit_entries_reverses_id",
                table: "credit_entries");

            migrationBuilder.DropForeignKey(
                name: "fk_credit_entries_credit_requests_credit_request_id",
                table: "credit_entries");

            migrationBuilder.DropTable(
                name: "credit_authority_limits");

            migrationBuilder.DropTable(
                name: "credit_authority_reasons");

            migrationBuilder.DropTable(
                name: "credit_requests");

            migrationBuilder.DropTable(
                name: "credit_authority_policies");

            migrationBuilder.DropIndex(
                name: "ix_credit_entries_credit_request_id",
                table: "credit_entries");

            migrationBuilder.DropIndex(
                name: "ix_credit_entries_reverses_id",
                table: "credit_entries");

            migrationBuilder.DropColumn(
                name: "credit_request_id",
                table: "credit_entries");
        }
    }
}
