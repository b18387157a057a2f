using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AgentWorkloads : Migration
    {
        // The statuses that count against capacity, as AgentWorkload.ActiveStatuses lists them when this migration was
        // written (AgentWorkloadTests compares the two).
        private const string Active = "('New', 'Open', 'PendingInternal')";

        /// <summary>
        /// Each agent's active cases, kept by the database (ADR 0135): a row trigger on <c>cases</c> moves the count when a
        /// case is inserted, deleted, or changes assignee or whether its status counts against capacity (New, Open,
        /// PendingInternal: <c>AgentWorkload.ActiveStatuses</c>), whichever statement does it — the app's commands, the
        /// claim statement, bulk updates. <c>helpdesk_recount_agent_workloads()</c> rebuilds the table from the cases (the
        /// migration's backfill, the load harness after its bulk load, a repair by hand).
        /// </summary>
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "agent_workloads",
                columns: table => new
                {
                    agent_id = table.Column<Guid>(type: "uuid", nullable: false),
                    active_cases = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_workloads", x => x.agent_id);
                    table.ForeignKey(
                        name: "fk_agent_workloads_agents_agent_id",
                        column: x => x.agent_id,
                        principalTable: "agents",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.Sql($"""
                CREATE FUNCTION helpdesk_agent_workload() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP <> 'INSERT' AND OLD.assignee_id IS NOT NULL AND OLD.status IN {Active} THEN
                        UPDATE agent_workloads SET active_cases = active_cases - 1 WHERE agent_id = OLD.assignee_id;
                    END IF;
                    IF TG_OP <> 'DELETE' AND NEW.assignee_id IS NOT NULL AND NEW.status IN {Active} THEN
                        INSERT INTO agent_workloads AS w (agent_id, active_cases) VALUES (NEW.assignee_id, 1)
                        ON CONFLICT (agent_id) DO UPDATE SET active_cases = w.active_cases + 1;
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION helpdesk_agent_workloads_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM agent_workloads;
                    RETURN NULL;
                END $$;

                CREATE FUNCTION helpdesk_recount_agent_workloads() RETURNS void LANGUAGE plpgsql AS $$
                BEGIN
                    -- Writers wait while the count is rebuilt, so no change falls between the count and the triggers.
                    LOCK TABLE cases IN SHARE ROW EXCLUSIVE MODE;
                    DELETE FROM agent_workloads;
                    INSERT INTO agent_workloads (agent_id, active_cases)
                    SELECT assignee_id, count(*) FROM cases
                    WHERE assignee_id IS NOT NULL AND status IN {Active}
                    GROUP BY assignee_id;
                END $$;

                CREATE TRIGGER cases_agent_workload_insert AFTER INSERT ON cases FOR EACH ROW
                    WHEN (NEW.assignee_id IS NOT NULL AND NEW.status IN {Active})
                    EXECUTE FUNCTION helpdesk_agent_workload();
                CREATE TRIGGER cases_agent_workload_update AFTER UPDATE OF assignee_id, status ON cases FOR EACH ROW
                    WHEN (OLD.assignee_id IS DISTINCT FROM NEW.assignee_id
                          OR (OLD.status IN {Active}) IS DISTINCT FROM (NEW.status IN {Active}))
                    EXECUTE FUNCTION helpdesk_agent_workload();
                CREATE TRIGGER cases_agent_workload_delete AFTER DELETE ON cases FOR EACH ROW
                    WHEN (OLD.assignee_id IS NOT NULL AND OLD.status IN {Active})
                    EXECUTE FUNCTION helpdesk_agent_workload();
                CREATE TRIGGER cases_agent_workload_truncate AFTER TRUNCATE ON cases FOR EACH STATEMENT
                    EXECUTE FUNCTION helpdesk_agent_workloads_truncated();

                SELECT helpdesk_recount_agent_workloads();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER cases_agent_workload_truncate ON cases;
                DROP TRIGGER cases_agent_workload_delete ON cases;
                DROP TRIGGER cases_agent_workload_update ON cases;
                DROP TRIGGER cases_agent_workload_insert ON cases;
                DROP FUNCTION helpdesk_recount_agent_workloads();
                DROP FUNCTION helpdesk_agent_workloads_truncated();
                DROP FUNCTION helpdesk_agent_workload();
                """);
            migrationBuilder.DropTable(
                name: "agent_workloads");
        }
    }
}
