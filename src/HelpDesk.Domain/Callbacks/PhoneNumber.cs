namespace HelpDesk.Domain.Callbacks;

/// <summary>
/// Strict E.164 check for numbers we promise to call: a leading '+', a country code that does not start with 0 and
/// 8–15 digits in all. Spaces, dashes, dots and one pair of parentheses are allowed as separators and removed.
/// </summary>
public static class PhoneNumber
{
    public const int MinDigits = 8;
    public const int MaxDigits = 15;

    /// <summary>Longest input accepted before normalising (separators included).</summary>
    public const int MaxInputLength = 32;

    /// <returns>The normalised number ("+441632960961"), or null with <paramref name="error"/> saying what is wrong.</returns>
    public static string? Normalize(string? input, out string? error)
    {
        error = Check(input, out var normalized);
        return error is null ? normalized : null;
    }

    public static bool IsValid(string? input) => Normalize(input, out _) is not null;

    private static string? Check(string? input, out string? normalized)
    {
        normalized = null;
        var text = input?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            return "Enter the phone number we should call.";
        }

        if (text.Length > MaxInputLength)
        {
            return $"A phone number has at most {MaxInputLength} characters, including spaces and dashes.";
        }

        if (text.Any(char.IsLetter))
        {
            return "A phone number cannot contain letters. Enter digits only, e.g. +44 20 7946 0958.";
        }

        if (text[0] != '+')
        {
            return "Start the number with + and the country code, e.g. +44 20 7946 0958 or +1 212 555 0199.";
        }

        var digits = new System.Text.StringBuilder("+", MaxDigits + 1);
        var open = false;
        var sawParentheses = false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case >= '0' and <= '9':
                    digits.Append(c);
                    break;
                case ' ' or '-' or '.':
                    break;
                case '(' when !open && !sawParentheses:
                    open = sawParentheses = true;
                    break;
                case ')' when open:
                    open = false;
                    break;
                case '+':
                    return "Use + only once, at the start of the number.";
                default:
                    return $"'{c}' is not allowed in a phone number. Use digits, spaces, dashes or parentheses.";
            }
        }

        if (open)
        {
            return "The number has an opening parenthesis without a closing one.";
        }

        var count = digits.Length - 1;
        if (count < MinDigits)
        {
            return $"This number is too short: with the country code it needs at least {MinDigits} digits; it has {count}.";
        }

        if (count > MaxDigits)
        {
            return $"This number is too long: international numbers have at most {MaxDigits} digits including the country code; it has {count}.";
        }

        if (digits[1] == '0')
        {
            return "Country codes never start with 0. Replace the leading 0 with your country code, e.g. +44 for the UK.";
        }

        var value = digits.ToString();
        if (value.Skip(1).Distinct().Count() == 1)
        {
            return "This does not look like a real phone number. Check it and try again.";
        }

        normalized = value;
        return null;
    }
}
