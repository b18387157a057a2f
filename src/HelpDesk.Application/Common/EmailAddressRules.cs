using System.Globalization;
using FluentValidation;

namespace HelpDesk.Application.Common;

/// <summary>
/// An address we could actually deliver to (issue 14): one <c>@</c>, a local part of 1–64 printable characters, and a
/// public-looking domain — dotted, each label 1–63 letters, digits or hyphens (international names via IDNA), a
/// top-level label that is not all digits, never <c>localhost</c> or an address literal. FluentValidation's
/// <c>EmailAddress()</c> only checks for an <c>@</c>, so <c>a@b</c> and <c>user@localhost</c> passed.
/// </summary>
public static class EmailAddressRules
{
    public const int MaxLength = 254;

    public const string NotAnAddress = "Enter a valid email address, like name@example.com.";

    /// <summary>
    /// The one validation rule for an address a person types: <paramref name="whenEmpty"/> when it is empty, then the
    /// length, then <see cref="IsDeliverable"/> (of the trimmed input when the handler trims it, <paramref name="trimmed"/>).
    /// </summary>
    public static IRuleBuilderOptions<T, string> DeliverableAddress<T>(this IRuleBuilder<T, string> rule, string whenEmpty, bool trimmed = true) =>
        rule.NotEmpty().WithMessage(whenEmpty)
            .MaximumLength(MaxLength).WithMessage("The email address is too long.")
            .Must(address => IsDeliverable(trimmed ? address?.Trim() : address)).WithMessage(NotAnAddress);

    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    public static bool IsDeliverable(string? address)
    {
        if (string.IsNullOrWhiteSpace(address) || address.Length > MaxLength || address != address.Trim())
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at != address.IndexOf('@') || at == address.Length - 1)
        {
            return false;
        }

        var local = address[..at];
        var domain = address[(at + 1)..];
        if (local.Length > 64 || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal)
            || local.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '"' or '(' or ')' or ',' or ':' or ';' or '<' or '>' or '[' or ']' or '\\'))
        {
            return false;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(domain.TrimEnd('.'));
        }
        catch (ArgumentException)
        {
            return false;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253 || ascii.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > 63 || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        var top = labels[^1];
        return top.Length >= 2 && !top.All(char.IsAsciiDigit) && !top.Equals("localhost", StringComparison.OrdinalIgnoreCase);
    }
}
