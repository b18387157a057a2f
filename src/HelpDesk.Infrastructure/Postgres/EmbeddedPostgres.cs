namespace HelpDesk.Infrastructure.Postgres;

/// <summary>Where the app's embedded default keeps its private PostgreSQL cluster.</summary>
public static class EmbeddedPostgres
{
    public const string DatabaseName = "helpdesk";

    /// <summary>
    /// As root the cluster lives in <c>/var/lib/helpdesk/postgres</c> (the postgres user cannot reach root's
    /// home); otherwise in the user's data folder.
    /// </summary>
    public static string DefaultBaseDirectory()
    {
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            return "/var/lib/helpdesk/postgres";
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "helpdesk", "postgres");
    }

    public const string MissingEverythingMessage =
        "HelpDesk needs PostgreSQL. Either set the connection string ConnectionStrings__HelpDesk " +
        "(e.g. \"Host=localhost;Database=helpdesk;Username=helpdesk;Password=...\"), or install the PostgreSQL server " +
        "binaries (Debian/Ubuntu: apt-get install postgresql) so HelpDesk can run its own private database. " +
        "If they are installed somewhere unusual, set HelpDesk__EmbeddedPostgres__BinDirectory to the folder holding initdb.";
}
