namespace HelpDesk.Domain.Subscribers;

/// <summary>
/// What a person typed when registering, kept until they confirm their address. An account has no subscriber profile
/// (and so sees nothing) before that; on confirmation the profile is created from this, or an unverified contact with the
/// same address becomes the account's subscriber (ADR 0113).
/// </summary>
public sealed class PendingRegistration
{
    private PendingRegistration()
    {
        UserId = Email = FirstName = LastName = Country = Language = TimeZone = string.Empty;
    }

    public string UserId { get; private set; }
    public string Email { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public string Country { get; private set; }
    public string Language { get; private set; }
    public string TimeZone { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static PendingRegistration Create(
        string userId, string email, string firstName, string lastName, string country, string language, string timeZone, DateTimeOffset now) =>
        new()
        {
            UserId = userId,
            Email = email.Trim().ToLowerInvariant(),
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            Country = country.Trim().ToUpperInvariant(),
            Language = language.Trim().ToLowerInvariant(),
            TimeZone = timeZone.Trim(),
            CreatedAt = now,
        };

    /// <summary>A second registration of the same unconfirmed address: the latest details win.</summary>
    public void Replace(string firstName, string lastName, string country, string language, string timeZone, DateTimeOffset now)
    {
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        Country = country.Trim().ToUpperInvariant();
        Language = language.Trim().ToLowerInvariant();
        TimeZone = timeZone.Trim();
        CreatedAt = now;
    }
}
