using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using FluentValidation.Results;

namespace HelpDesk.Application.Common;

/// <summary>Marks a string property as multi-line text (line breaks and tabs allowed), beside the name convention.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class MultiLineTextAttribute : Attribute;

/// <summary>
/// What any text a person or a machine sends us may contain (issue 14): no NUL, no other control characters (C0,
/// DEL, C1), no unpaired surrogate; line breaks and tabs only in multi-line fields. PostgreSQL refuses NUL, and control
/// characters in single-line fields forge log lines, mail headers and table rows. Checked for every request in the
/// pipeline (<see cref="Behaviors.ValidationBehavior{TMessage,TResponse}"/>) and for bound page fields in the web layer.
/// </summary>
public static class TextInput
{
    /// <summary>Fields that hold free text over several lines (by name, in any request); others are single-line.</summary>
    private static readonly HashSet<string> MultiLineNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "Body", "Description", "Text", "Message", "FirstMessage", "Comment", "Note", "Notes", "Explanation", "Reason",
        "Answer", "Greeting", "Fallback", "Content", "Html", "HtmlBody", "TextBody", "Instruction", "Why", "Details",
        "Summary", "Signature", "Resolution", "Outcome", "Error",
    };

    /// <summary>
    /// What someone sent, repeated in an error message ("'Billingg' is not a category"): at most 40 characters, then an
    /// ellipsis, so a forged megabyte is not echoed back.
    /// </summary>
    public static string Echo(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] + "…" : text;

    public static bool IsMultiLineName(string name)
    {
        var last = name.Split('.').Last();
        return MultiLineNames.Contains(last);
    }

    /// <summary>The problem with <paramref name="value"/> as a field's text, or null when it is acceptable.</summary>
    public static string? Problem(string? value, bool multiLine)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return "contains an invalid character (an unpaired surrogate).";
            }

            if (c is '\n' or '\r' or '\t')
            {
                if (!multiLine)
                {
                    return c == '\t' ? "must not contain a tab." : "must be one line (no line breaks).";
                }

                continue;
            }

            if (c == '\0')
            {
                return "must not contain a NUL character (U+0000).";
            }

            if (char.IsControl(c))
            {
                return $"must not contain control characters (found U+{(int)c:X4}).";
            }
        }

        return null;
    }

    /// <summary>
    /// Removes what <see cref="Problem"/> refuses, for text we must accept as it comes (inbound email): control
    /// characters dropped; in single-line text line breaks and tabs become spaces; unpaired surrogates become U+FFFD.
    /// </summary>
    public static string? Clean(string? value, bool multiLine)
    {
        if (value is null || Problem(value, multiLine) is null)
        {
            return value;
        }

        var sb = new System.Text.StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                sb.Append(c).Append(value[++i]);
            }
            else if (char.IsSurrogate(c))
            {
                sb.Append('\uFFFD');
            }
            else if (c is '\n' or '\r' or '\t')
            {
                sb.Append(multiLine ? c : ' ');
            }
            else if (!char.IsControl(c))
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    /// <summary>One failure per string property (nested objects and collections included) that breaks the rules.</summary>
    public static IEnumerable<ValidationFailure> Check(object? request)
    {
        var failures = new List<ValidationFailure>();
        Walk(request, prefix: string.Empty, depth: 0, failures);
        return failures;
    }

    private static void Walk(object? value, string prefix, int depth, List<ValidationFailure> failures)
    {
        if (value is null || depth > 4)
        {
            return;
        }

        foreach (var property in Properties(value.GetType()))
        {
            var name = prefix + property.Info.Name;
            var content = property.Info.GetValue(value);
            switch (content)
            {
                case string text:
                    Add(name, text, property.MultiLine, failures);
                    break;
                case IEnumerable<string> texts:
                    var index = 0;
                    foreach (var text in texts)
                    {
                        Add($"{name}[{index++}]", text, property.MultiLine, failures);
                    }

                    break;
                case IEnumerable items when property.Nested:
                    var i = 0;
                    foreach (var item in items)
                    {
                        Walk(item, $"{name}[{i++}].", depth + 1, failures);
                    }

                    break;
                default:
                    if (property.Nested)
                    {
                        Walk(content, name + ".", depth + 1, failures);
                    }

                    break;
            }
        }
    }

    private static void Add(string name, string text, bool multiLine, List<ValidationFailure> failures)
    {
        if (Problem(text, multiLine) is { } problem)
        {
            var field = name.Split('.').Last();
            failures.Add(new ValidationFailure(name, string.Create(CultureInfo.InvariantCulture, $"{Humanize(field)} {problem}")));
        }
    }

    private static string Humanize(string name)
    {
        var bare = name.Contains('[') ? name[..name.IndexOf('[')] : name;
        var sb = new System.Text.StringBuilder();
        foreach (var c in bare)
        {
            if (char.IsUpper(c) && sb.Length > 0)
            {
                sb.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : c);
            }
        }

        return sb.ToString();
    }

    private sealed record TextProperty(PropertyInfo Info, bool MultiLine, bool Nested);

    private static readonly ConcurrentDictionary<Type, TextProperty[]> Cache = new();

    private static TextProperty[] Properties(Type type) => Cache.GetOrAdd(type, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && (IsText(p.PropertyType) || IsOurs(p.PropertyType)))
        .Select(p => new TextProperty(p, IsMultiLine(t, p), !IsText(p.PropertyType)))
        .ToArray());

    private static bool IsText(Type type) =>
        type == typeof(string) || (type != typeof(string) && typeof(IEnumerable<string>).IsAssignableFrom(type));

    /// <summary>Our own request shapes (and collections of them) are searched; framework types are not.</summary>
    private static bool IsOurs(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(string))
        {
            return false;
        }

        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments().FirstOrDefault()
            : type;
        return element is { IsPrimitive: false, IsEnum: false } && element != typeof(string)
            && element.Namespace?.StartsWith("HelpDesk.", StringComparison.Ordinal) == true;
    }

    private static bool IsMultiLine(Type owner, PropertyInfo property)
    {
        if (property.IsDefined(typeof(MultiLineTextAttribute)))
        {
            return true;
        }

        // A positional record's attribute sits on the constructor parameter.
        var parameter = owner.GetConstructors()
            .SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));
        return parameter?.IsDefined(typeof(MultiLineTextAttribute)) == true || MultiLineNames.Contains(property.Name);
    }
}
