namespace HelpDesk.Web.Hosting;

/// <summary>
/// The connection string in use. Decided after the host is built (so test hosts can override configuration),
/// before anything touches the database.
/// </summary>
public sealed class DatabaseSettings
{
    public string? ConnectionString { get; set; }
    public bool SeedDemoData { get; set; }
    public bool Embedded { get; set; }
}
