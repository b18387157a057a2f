using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace HelpDesk.Infrastructure.Persistence;

public static class DatabaseMigrations
{
    /// <summary>
    /// Applies the pending migrations. On a new database EF's own check for the migrations history table is a query of
    /// that table, which fails and is logged as an error ("Failed executing DbCommand") although nothing is wrong; so the
    /// table is looked up in the catalog first and created when missing, and a first start logs no error.
    /// </summary>
    public static async Task MigrateAsync(HelpDeskDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        var found = await db.Database
            .SqlQueryRaw<bool>($"SELECT to_regclass('{HelpDeskDbContext.MigrationsHistoryTable}') IS NOT NULL AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!found)
        {
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);
    }
}
