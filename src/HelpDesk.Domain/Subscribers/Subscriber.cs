namespace HelpDesk.Domain.Subscribers;

/// <summary>A customer of the streaming service.</summary>
public sealed class Subscriber
{
    private Subscriber()
    {
        Email = FirstName = LastName = Country = Language = TimeZone = BillingCurrency = string.Empty;
    }

    public Guid Id { get; private set; }

    /// <summary>The sign-in account, when the subscriber has one (email-only contacts do not).</summary>
    public string? UserId { get; private set; }

    public string Email { get; private set; }
    public string FirstName { get; private set; }
    public string LastName { get; private set; }
    public SubscriptionPlan Plan { get; private set; }

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string Country { get; private set; }

    /// <summary>BCP 47 language tag, e.g. <c>en</c>, <c>es</c>.</summary>
    public string Language { get; private set; }

    /// <summary>IANA time zone id used to show times to this subscriber.</summary>
    public string TimeZone { get; private set; }

    /// <summary>ISO 4217 code of the currency the subscriber is billed in.</summary>
    public string BillingCurrency { get; private set; }

    public DateTimeOffset MemberSince { get; private set; }

    /// <summary>What the plan costs this subscriber each month, in <see cref="BillingCurrency"/>.</summary>
    public decimal MonthlyPrice { get; private set; }

    public string DisplayName => $"{FirstName} {LastName}".Trim();

    /// <summary>Whether this is an unverified contact (an email sender or a guest in chat) with no sign-in account.</summary>
    public bool IsContact => UserId is null;

    /// <summary>
    /// The person who owns this contact's address confirmed it with a new account: the contact becomes that account's
    /// subscriber (its cases stay where they are, now visible to the account), with the details they registered.
    /// </summary>
    public void ClaimFor(string userId, string firstName, string lastName, string country, string language, string timeZone, string billingCurrency)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (UserId is not null)
        {
            throw new InvalidOperationException("Only an unverified contact can be claimed by an account.");
        }

        UserId = userId;
        FirstName = firstName.Trim();
        LastName = lastName.Trim();
        Country = country.ToUpperInvariant();
        Language = language.ToLowerInvariant();
        TimeZone = timeZone;
        BillingCurrency = billingCurrency.ToUpperInvariant();
    }

    /// <summary>The account's owner confirmed a new address.</summary>
    public void ChangeEmail(string email) => Email = email.Trim().ToLowerInvariant();

    public static Subscriber Create(
        string? userId,
        string email,
        string firstName,
        string lastName,
        SubscriptionPlan plan,
        string country,
        string language,
        string timeZone,
        string billingCurrency,
        DateTimeOffset memberSince,
        decimal monthlyPrice = 0m) =>
        new()
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Email = email.Trim().ToLowerInvariant(),
            FirstName = firstName.Trim(),
            LastName = lastName.Trim(),
            Plan = plan,
            Country = country.ToUpperInvariant(),
            Language = language.ToLowerInvariant(),
            TimeZone = timeZone,
            BillingCurrency = billingCurrency.ToUpperInvariant(),
            MemberSince = memberSince,
            MonthlyPrice = monthlyPrice,
        };
}

public enum SubscriptionPlan
{
    Basic,
    Standard,
    Premium,
}
