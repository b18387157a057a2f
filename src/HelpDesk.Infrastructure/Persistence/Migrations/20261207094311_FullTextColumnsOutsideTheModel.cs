using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// The full-text columns (<c>cases.search_vector</c>, <c>interactions.search_vector</c>) and their GIN indexes leave
    /// the EF model but stay in the database, as the migration AgentConsole created them: only the search's SQL reads
    /// them, and EF no longer selects them with every case and interaction nor asks for them back after every insert
    /// and update (ADR 0131). Nothing changes in the database, either way.
    /// </summary>
    public partial class FullTextColumnsOutsideTheModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
