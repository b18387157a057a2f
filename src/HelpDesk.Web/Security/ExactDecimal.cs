using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace HelpDesk.Web.Security;

/// <summary>
/// Money is parsed exactly (issue 14): <see cref="decimal"/> holds 28–29 significant digits and .NET rounds anything
/// longer without a word, so "10.00000000000000000000000000001" became 10.00 and passed the "whole cents" rule. A
/// number whose value the decimal cannot hold exactly is refused here, in JSON bodies and in page forms alike.
/// </summary>
public static class ExactDecimal
{
    /// <summary>Parses invariant-culture number text (JSON's form); false when it is not a number or not exact.</summary>
    public static bool TryParse(string text, NumberFormatInfo format, out decimal value)
    {
        value = 0;
        var trimmed = text.Trim();
        if (!decimal.TryParse(trimmed, NumberStyles.Float | NumberStyles.AllowThousands, format, out var parsed))
        {
            return false;
        }

        var plain = trimmed.Replace(format.NumberGroupSeparator, string.Empty, StringComparison.Ordinal)
            .Replace(format.NumberDecimalSeparator, ".", StringComparison.Ordinal)
            .Replace(format.NegativeSign, "-", StringComparison.Ordinal)
            .Replace(format.PositiveSign, "+", StringComparison.Ordinal);
        if (Canonical(plain) != Canonical(parsed.ToString(CultureInfo.InvariantCulture)))
        {
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>Sign, significant digits and exponent: "1.50" and "15e-1" and "1.5" are the same number.</summary>
    private static string? Canonical(string number)
    {
        var negative = number.StartsWith('-');
        var rest = number.TrimStart('-', '+');
        var exponent = 0;
        var e = rest.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(rest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return null;
            }

            rest = rest[..e];
        }

        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? rest : rest[..dot] + rest[(dot + 1)..];
        if (dot >= 0)
        {
            exponent -= rest.Length - dot - 1;
        }

        var sb = new StringBuilder(digits.TrimStart('0'));
        while (sb.Length > 0 && sb[^1] == '0')
        {
            sb.Length--;
            exponent++;
        }

        return sb.Length == 0 ? "0" : $"{(negative ? "-" : "")}{sb}e{exponent}";
    }

    public const string NotExactMessage = "The number has more digits than can be kept exactly; give at most the currency's decimals.";

    /// <summary>JSON numbers (and numeric strings) into <see cref="decimal"/>, refusing what would be rounded.</summary>
    public sealed class JsonConverter : JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
            {
                throw new JsonException("Expected a number.");
            }

            var text = reader.HasValueSequence ? Encoding.UTF8.GetString(reader.ValueSequence) : Encoding.UTF8.GetString(reader.ValueSpan);
            return TryParse(text, NumberFormatInfo.InvariantInfo, out var value) ? value : throw new JsonException(NotExactMessage);
        }

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
    }

    /// <summary>Form fields into <see cref="decimal"/> (and decimal?) in the request culture, refusing what would be rounded.</summary>
    public sealed class ModelBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var result = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (result == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, result);
            var text = result.FirstValue;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (bindingContext.ModelMetadata.IsReferenceOrNullableType)
                {
                    bindingContext.Result = ModelBindingResult.Success(null);
                }

                return Task.CompletedTask;
            }

            var format = (result.Culture ?? CultureInfo.CurrentCulture).NumberFormat;
            if (!decimal.TryParse(text.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, format, out _))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.GetDisplayName()));
                return Task.CompletedTask;
            }

            if (!TryParse(text, format, out var value))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, NotExactMessage);
                return Task.CompletedTask;
            }

            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
    }

    public sealed class ModelBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.UnderlyingOrModelType == typeof(decimal) ? new ModelBinder() : null;
    }
}
