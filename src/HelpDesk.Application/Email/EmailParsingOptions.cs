namespace HelpDesk.Application.Email;

/// <summary>Limits for attachments; oversized parts are kept as refused entries with a reason.</summary>
public sealed class EmailParsingOptions
{
    public const string Section = "HelpDesk:Email:Parsing";

    /// <summary>Where these settings lived before every section moved under <c>HelpDesk:</c>; still read, the new section wins.</summary>
    public const string LegacySection = "Email:Parsing";

    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;
    public long MaxTotalAttachmentBytes { get; set; } = 25 * 1024 * 1024;
}
