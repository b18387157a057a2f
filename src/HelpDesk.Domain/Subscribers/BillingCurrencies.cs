namespace HelpDesk.Domain.Subscribers;

/// <summary>The currency a subscriber is billed in, by country (ISO 4217).</summary>
public static class BillingCurrencies
{
    private static readonly HashSet<string> Eurozone =
        ["AT", "BE", "CY", "DE", "EE", "ES", "FI", "FR", "GR", "HR", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PT", "SI", "SK"];

    private static readonly Dictionary<string, string> Others = new(StringComparer.OrdinalIgnoreCase)
    {
        ["US"] = "USD", ["GB"] = "GBP", ["CA"] = "CAD", ["MX"] = "MXN", ["BR"] = "BRL", ["AR"] = "ARS",
        ["AU"] = "AUD", ["JP"] = "JPY", ["IN"] = "INR", ["SE"] = "SEK", ["NO"] = "NOK", ["DK"] = "DKK",
        ["PL"] = "PLN", ["CH"] = "CHF",
    };

    public static string ForCountry(string country)
    {
        var code = (country ?? string.Empty).Trim().ToUpperInvariant();
        if (Eurozone.Contains(code))
        {
            return "EUR";
        }

        return Others.TryGetValue(code, out var currency) ? currency : "USD";
    }

    private static readonly HashSet<string> NoMinorUnit = new(StringComparer.OrdinalIgnoreCase)
        { "JPY", "KRW", "ISK", "CLP", "VND", "PYG", "UGX", "XAF", "XOF", "XPF", "RWF", "KMF", "GNF", "DJF", "BIF", "VUV" };

    private static readonly HashSet<string> ThreeMinorUnits = new(StringComparer.OrdinalIgnoreCase)
        { "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND" };

    /// <summary>Decimals an amount in <paramref name="currency"/> may have (ISO 4217 minor units; 2 when unknown).</summary>
    public static int MinorUnits(string? currency) =>
        currency is null ? 2 : NoMinorUnit.Contains(currency) ? 0 : ThreeMinorUnits.Contains(currency) ? 3 : 2;
}
