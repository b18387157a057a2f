namespace HelpDesk.Application.Email;

/// <summary>Settings for signed Message-IDs (section <c>HelpDesk:Email:Threading</c>).</summary>
public sealed class EmailThreadingOptions
{
    public const string Section = "HelpDesk:Email:Threading";

    /// <summary>Where these settings lived before every section moved under <c>HelpDesk:</c>; still read, the new section wins.</summary>
    public const string LegacySection = "Email:Threading";

    /// <summary>Right-hand side of our Message-IDs ("support.example.com").</summary>
    public string Domain { get; set; } = "helpdesk.local";

    /// <summary>
    /// HMAC key (any string of at least 32 characters). When empty, a random key is generated once and kept in the
    /// database, so every node and every restart signs and verifies with the same key.
    /// </summary>
    public string? Secret { get; set; }
}
