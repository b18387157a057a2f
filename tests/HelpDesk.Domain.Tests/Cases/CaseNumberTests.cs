using HelpDesk.Domain.Cases;
using HelpDesk.Domain.Subscribers;

namespace HelpDesk.Domain.Tests.Cases;

public sealed class CaseNumberTests
{
    [Theory]
    [InlineData(1, "HD-000001")]
    [InlineData(123, "HD-000123")]
    [InlineData(1234567, "HD-1234567")]
    public void Numbers_are_formatted_with_six_digits_at_least(long number, string expected) =>
        CaseNumber.Format(number).ShouldBe(expected);

    [Theory]
    [InlineData("HD-000123", 123)]
    [InlineData("hd-42", 42)]
    [InlineData(" 77 ", 77)]
    public void Numbers_parse_with_or_without_the_prefix(string text, long expected)
    {
        CaseNumber.TryParse(text, out var number).ShouldBeTrue();
        number.ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("HD-")]
    [InlineData("HD-0")]
    [InlineData("HD--5")]
    [InlineData("HD-12x")]
    [InlineData("99999999999999999999999")]
    public void Garbage_does_not_parse(string? text) => CaseNumber.TryParse(text, out _).ShouldBeFalse();

    [Theory]
    [InlineData("ES", "EUR")]
    [InlineData("de", "EUR")]
    [InlineData("GB", "GBP")]
    [InlineData("US", "USD")]
    [InlineData("ZZ", "USD")]
    public void Billing_currency_follows_the_country(string country, string currency) =>
        BillingCurrencies.ForCountry(country).ShouldBe(currency);
}
