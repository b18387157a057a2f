using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Email ingest at a million cases (ADR 0125): the acknowledgement rate limit reads an index instead of scanning every
    /// email ever sent, and our mailboxes and the open incidents join the reference data checked by version (ADR 0120):
    /// the same version row is bumped by a change to a mailbox's address, name or default queue and by an incident being
    /// declared, resolved, rescoped or recategorized (not by its text, updates or counters).
    /// </summary>
    public partial class IngestAckIndexVersionedMailboxesIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_outbound_emails_acknowledgements",
                table: "outbound_emails",
                columns: new[] { "to_address", "created_at" },
                filter: "kind = 'Acknowledgement'");

            migrationBuilder.Sql("""
                CREATE TRIGGER trg_mailboxes_reference_data_version
                    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF address, name, default_queue_key ON mailboxes
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
                CREATE TRIGGER trg_incidents_reference_data_version
                    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF status, categories, regions, countries, plans, device_kinds, app_versions ON incidents
                    FOR EACH STATEMENT EXECUTE FUNCTION bump_reference_data_version();
                UPDATE reference_data_version SET version = nextval('reference_data_version_seq') WHERE id = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER trg_incidents_reference_data_version ON incidents;
                DROP TRIGGER trg_mailboxes_reference_data_version ON mailboxes;
                """);

            migrationBuilder.DropIndex(
                name: "ix_outbound_emails_acknowledgements",
                table: "outbound_emails");
        }
    }
}
