using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// One row whose version changes (from a sequence) in the same transaction as any change to routing rules, queues
    /// or SLA policies, so each node's cached copy of them is checked with one one-row read (ADR 0120).
    /// </summary>
    public partial class QueuePerfReferenceDataVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE SEQUENCE reference_data_version_seq;
                CREATE TABLE reference_data_version (
                    id integer PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    version bigint NOT NULL
                );
                INSERT INTO reference_data_version (id, version) VALUES (1, nextval('reference_data_version_seq'));

                CREATE FUNCTION bump_reference_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE reference_data_version SET version = nextval('reference_data_version_seq') WHERE id = 1;
                    RETURN NULL;
                END
                $$;

                CREATE TRIGGER trg_routing_rules_reference_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
                CREATE TRIGGER trg_queues_reference_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON queues
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
                CREATE TRIGGER trg_sla_policies_reference_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON sla_policies
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_sla_policies_reference_data_version ON sla_policies;
                DROP TRIGGER trg_queues_reference_data_version ON queues;
                DROP TRIGGER trg_routing_rules_reference_data_version ON routing_rules;
                DROP FUNCTION bump_reference_data_version();
                DROP TABLE reference_data_version;
                DROP SEQUENCE reference_data_version_seq;
                """);
        }
    }
}
