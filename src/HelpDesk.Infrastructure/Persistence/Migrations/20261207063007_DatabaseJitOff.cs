using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HelpDesk.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DatabaseJitOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // PostgreSQL compiles a statement with LLVM when its estimated cost passes jit_above_cost. The app's statements are
            // short (index look-ups, a page of rows), but at a million cases some estimates pass the threshold even though
            // the statement reads a few pages: the SLA sweeper's selection ran in 3 ms and spent 100 ms compiling, on every
            // sweep (ADR 0127). Off for this database; new sessions pick it up. An account that may not alter the database
            // (not its owner) leaves the setting as it is and says so, rather than failing the migration.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'jit stays as configured: only the owner of database % can turn it off (ALTER DATABASE ... SET jit = off)', current_database();
                END
                $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    EXECUTE format('ALTER DATABASE %I RESET jit', current_database());
                EXCEPTION WHEN insufficient_privilege THEN
                    RAISE NOTICE 'jit setting of database % left as it is', current_database();
                END
                $$;
                """);
        }
    }
}
