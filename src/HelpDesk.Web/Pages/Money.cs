using System.Globalization;

namespace HelpDesk.Web.Pages;

/// <summary>Amounts as staff read them: "22.99 USD" in the viewer's number format, the ISO code always shown.</summary>
public static class Money
{
    public static string Format(decimal amount, string currency) =>
        amount.ToString("N2", CultureInfo.CurrentCulture) + " " + currency;
}
