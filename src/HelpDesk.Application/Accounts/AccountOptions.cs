namespace HelpDesk.Application.Accounts;

/// <summary>Account links and limits (section <c>HelpDesk:Accounts</c>, ADR 0113).</summary>
public sealed class AccountOptions
{
    public const string Section = "HelpDesk:Accounts";

    /// <summary>How long a password reset link works (once).</summary>
    public TimeSpan PasswordResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an email confirmation or email-change link works.</summary>
    public TimeSpan ConfirmationLinkLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Reset and "resend confirmation" requests per address (however it is spelled) per hour; more get 429.</summary>
    public int EmailsPerAddressPerHour { get; set; } = 5;

    public bool IsValid(out string error)
    {
        error = string.Empty;
        if (PasswordResetLinkLifetime < TimeSpan.FromMinutes(5) || PasswordResetLinkLifetime > TimeSpan.FromDays(1))
        {
            error = "HelpDesk:Accounts:PasswordResetLinkLifetime must be between 00:05:00 and 1.00:00:00.";
        }
        else if (ConfirmationLinkLifetime < TimeSpan.FromMinutes(5) || ConfirmationLinkLifetime > TimeSpan.FromDays(14))
        {
            error = "HelpDesk:Accounts:ConfirmationLinkLifetime must be between 00:05:00 and 14.00:00:00.";
        }
        else if (EmailsPerAddressPerHour is < 1 or > 1000)
        {
            error = "HelpDesk:Accounts:EmailsPerAddressPerHour must be between 1 and 1000.";
        }

        return error.Length == 0;
    }

    /// <summary>
    /// The key an address is counted under, however it is spelled: trimmed, lower case, without a +tag
    /// (<c>" Alice+x@Example.com "</c> and <c>alice@example.com</c> share one limit).
    /// </summary>
    public static string NormalizeAddress(string? address)
    {
        var a = (address ?? string.Empty).Trim().ToLowerInvariant();
        var at = a.LastIndexOf('@');
        if (at <= 0)
        {
            return a;
        }

        var local = a[..at];
        var plus = local.IndexOf('+', StringComparison.Ordinal);
        return (plus > 0 ? local[..plus] : local) + a[at..];
    }
}

/// <summary>"A day", "1 hour", "30 minutes": how long a link works, in words for an email.</summary>
public static class LinkLifetime
{
    public static string Describe(TimeSpan lifetime) =>
        lifetime.TotalDays >= 1 && lifetime.TotalDays % 1 == 0 ? (lifetime.TotalDays == 1 ? "24 hours" : $"{lifetime.TotalDays:0} days")
        : lifetime.TotalHours >= 1 && lifetime.TotalHours % 1 == 0 ? (lifetime.TotalHours == 1 ? "1 hour" : $"{lifetime.TotalHours:0} hours")
        : $"{Math.Max(1, Math.Round(lifetime.TotalMinutes)):0} minutes";
}
