using HelpDesk.Domain.Callbacks;

namespace HelpDesk.Domain.Tests.Callbacks;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("+1 (212) 555-0199", "+12125550199")]
    [InlineData("  +49-30-901820  ", "+4930901820")]
    [InlineData("+33.1.23.45.67.89", "+33123456789")]
    [InlineData("+861234567890123", "+861234567890123")]
    public void Valid_numbers_are_normalised_to_E164(string input, string expected) =>
        PhoneNumber.Normalize(input, out var error).ShouldBe(expected, error);

    [Theory]
    [InlineData("", "Enter the phone number")]
    [InlineData("020 7946 0958", "Start the number with + and the country code")]
    [InlineData("+44 20 CALL ME", "cannot contain letters")]
    [InlineData("+44 20 7946 0958 ext", "cannot contain letters")]
    [InlineData("+1234567", "too short")]
    [InlineData("+1234567890123456", "too long")]
    [InlineData("+044 20 7946 0958", "never start with 0")]
    [InlineData("+11111111111", "does not look like a real phone number")]
    [InlineData("+44 (20 7946 0958", "opening parenthesis")]
    [InlineData("+44 20 7946+0958", "Use + only once")]
    [InlineData("+44#20 7946 0958", "'#' is not allowed")]
    [InlineData("+44 20 7946 0958 0000000000000000000000", "at most 32 characters")]
    public void Invalid_numbers_are_refused_with_a_specific_message(string input, string message)
    {
        PhoneNumber.Normalize(input, out var error).ShouldBeNull();
        error.ShouldNotBeNull().ShouldContain(message);
    }
}
