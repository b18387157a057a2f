namespace HelpDesk.Application.Email;

/// <summary>
/// Protects mailbox passwords at rest (ASP.NET Data Protection, keys kept in the database). Admin pages protect what
/// the admin types; the IMAP poller and SMTP sender unprotect just before connecting. Never log either side.
/// </summary>
public interface IMailboxSecrets
{
    string Protect(string password);

    /// <summary>The password, or null when the ciphertext cannot be read (e.g. the key ring was lost).</summary>
    string? Unprotect(string? protectedPassword);
}
