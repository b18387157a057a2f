using System.Text;
using System.Text.RegularExpressions;
using MimeKit;
using UtfUnknown;

namespace HelpDesk.Infrastructure.Email;

/// <summary>
/// Reads text whose charset is missing or wrong, the way mail clients do: valid UTF-8 first, then the charsets the message
/// declares, then detection by UTF.Unknown (ADR 0112). A "7-bit" charset (ISO-2022-JP, UTF-7) with 8-bit bytes is a
/// label that lies — Japanese clients send Shift_JIS labelled ISO-2022-JP — and is detected like a missing one.
/// </summary>
internal static partial class CharsetGuess
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static CharsetGuess() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The encoding for raw 8-bit bytes in the headers (MimeKit tries UTF-8 first and falls back to this).</summary>
    public static Encoding HeaderEncoding(byte[] data)
    {
        var headerEnd = HeaderEnd(data);
        var eightBit = EightBitLines(data, headerEnd);
        if (eightBit.Length == 0 || IsUtf8(eightBit))
        {
            return Encoding.UTF8;
        }

        var text = Encoding.Latin1.GetString(data, 0, Math.Min(data.Length, 256 * 1024));
        foreach (var name in DeclaredCharsets(text))
        {
            if (Strict(name) is { } encoding && Decodes(encoding, eightBit))
            {
                return Lenient(encoding.WebName) ?? encoding;
            }
        }

        return Detect(eightBit) ?? Encoding.GetEncoding(1252);
    }

    /// <summary>The text of a part with its declared charset, unless the bytes show that the label is wrong or missing.</summary>
    public static string TextOf(TextPart part)
    {
        if (part.Content is null)
        {
            return "";
        }

        byte[] bytes;
        using (var stream = new MemoryStream())
        {
            part.Content.DecodeTo(stream);
            bytes = stream.ToArray();
        }

        var declared = part.ContentType.Charset?.Trim().Trim('"');
        if (!bytes.Any(b => b >= 0x80))
        {
            // 7-bit: ISO-2022-JP escapes and the like decode with their label; ASCII is ASCII.
            return SafeText(part, bytes, declared);
        }

        var label = declared is null ? null : Strict(declared);
        if (label is not null && !IsSevenBit(label) && label.CodePage != 20127 && (label.CodePage != 65001 || IsUtf8(bytes)) && Decodes(label, bytes))
        {
            return (Lenient(label.WebName) ?? label).GetString(bytes);
        }

        if (IsUtf8(bytes))
        {
            return Encoding.UTF8.GetString(bytes);
        }

        if (label is not null && IsSevenBit(label))
        {
            // Labelled ISO-2022-JP but 8-bit: Shift_JIS or EUC-JP in practice.
            foreach (var japanese in new[] { "shift_jis", "euc-jp" })
            {
                if (Strict(japanese) is { } candidate && Decodes(candidate, bytes))
                {
                    return Lenient(japanese)!.GetString(bytes);
                }
            }
        }

        return (Detect(bytes) ?? Encoding.GetEncoding(1252)).GetString(bytes);
    }

    /// <summary>
    /// Encoded words labelled ISO-2022-JP whose bytes are 8-bit (really Shift_JIS or EUC-JP) are relabelled in the top
    /// header block before MimeKit decodes them.
    /// </summary>
    public static byte[] FixMislabelledEncodedWords(byte[] data)
    {
        var headerEnd = HeaderEnd(data);
        var headers = Encoding.Latin1.GetString(data, 0, headerEnd);
        if (headers.IndexOf("=?iso-2022-jp", StringComparison.OrdinalIgnoreCase) < 0)
        {
            return data;
        }

        var changed = false;
        var fixedHeaders = EncodedWord().Replace(headers, match =>
        {
            var payload = match.Groups["text"].Value;
            byte[] bytes;
            try
            {
                bytes = match.Groups["enc"].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                    ? Convert.FromBase64String(payload.PadRight((payload.Length + 3) / 4 * 4, '='))
                    : QDecode(payload);
            }
            catch (FormatException)
            {
                return match.Value;
            }

            if (!bytes.Any(b => b >= 0x80))
            {
                return match.Value;
            }

            var actual = IsUtf8(bytes) ? "utf-8" : Decodes(Strict("shift_jis")!, bytes) ? "shift_jis" : Decodes(Strict("euc-jp")!, bytes) ? "euc-jp" : null;
            if (actual is null)
            {
                return match.Value;
            }

            changed = true;
            return $"=?{actual}?{match.Groups["enc"].Value}?{payload}?=";
        });
        if (!changed)
        {
            return data;
        }

        var result = new List<byte>(data.Length);
        result.AddRange(Encoding.Latin1.GetBytes(fixedHeaders));
        result.AddRange(data.AsSpan(headerEnd).ToArray());
        return [.. result];
    }

    private static string SafeText(TextPart part, byte[] bytes, string? declared)
    {
        if (declared is not null && Strict(declared) is { } known)
        {
            return (Lenient(known.WebName) ?? known).GetString(bytes);
        }

        return declared is null ? Encoding.ASCII.GetString(bytes) : part.Text;
    }

    private static bool IsSevenBit(Encoding encoding) =>
        encoding.WebName.StartsWith("iso-2022", StringComparison.OrdinalIgnoreCase) || encoding.WebName.Equals("utf-7", StringComparison.OrdinalIgnoreCase)
        || encoding.CodePage is 50220 or 50221 or 50222 or 65000;

    private static Encoding? Detect(byte[] bytes)
    {
        var result = CharsetDetector.DetectFromBytes(bytes);
        var name = result.Detected?.EncodingName;
        if (name is null || result.Detected!.Confidence < 0.2f)
        {
            return null;
        }

        // A detected Chinese charset: GB18030 reads GB2312 and GBK alike.
        if (name.Equals("gb2312", StringComparison.OrdinalIgnoreCase) || name.Equals("gbk", StringComparison.OrdinalIgnoreCase))
        {
            name = "gb18030";
        }

        return Lenient(name);
    }

    /// <summary>Charsets named in Content-Type parameters and encoded words, in order, without duplicates (7-bit Japanese → Shift_JIS, EUC-JP).</summary>
    private static IEnumerable<string> DeclaredCharsets(string text)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "us-ascii", "utf-8", "ascii" };
        foreach (Match match in DeclaredCharset().Matches(text))
        {
            var name = match.Groups["cs"].Value.Trim('"');
            var candidates = name.StartsWith("iso-2022-jp", StringComparison.OrdinalIgnoreCase) ? ["shift_jis", "euc-jp"] : new[] { name };
            foreach (var candidate in candidates)
            {
                if (seen.Add(candidate))
                {
                    yield return candidate;
                }
            }
        }
    }

    private static int HeaderEnd(byte[] data)
    {
        for (var i = 0; i < data.Length - 1; i++)
        {
            if (data[i] == '\n' && (data[i + 1] == '\n' || (data[i + 1] == '\r' && i + 2 < data.Length && data[i + 2] == '\n')))
            {
                return i + 1;
            }
        }

        return data.Length;
    }

    /// <summary>The bytes of the header lines that carry 8-bit bytes, joined by spaces (what detection should look at).</summary>
    private static byte[] EightBitLines(byte[] data, int headerEnd)
    {
        var result = new List<byte>();
        var start = 0;
        for (var i = 0; i <= headerEnd && i <= data.Length; i++)
        {
            if (i == headerEnd || i == data.Length || data[i] == '\n')
            {
                var line = data.AsSpan(start, Math.Min(i, data.Length) - start);
                if (line.ToArray().Any(b => b >= 0x80))
                {
                    var colon = line.IndexOf((byte)':');
                    result.AddRange(line[(colon + 1)..].ToArray().Where(b => b != '\r'));
                    result.Add((byte)' ');
                }

                start = i + 1;
            }
        }

        return [.. result];
    }

    private static bool IsUtf8(byte[] bytes)
    {
        try
        {
            StrictUtf8.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool Decodes(Encoding strict, byte[] bytes)
    {
        try
        {
            strict.GetString(bytes);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static Encoding? Strict(string name)
    {
        try
        {
            return Encoding.GetEncoding(Alias(name), EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static Encoding? Lenient(string name)
    {
        try
        {
            return Encoding.GetEncoding(Alias(name));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string Alias(string name) => name.ToLowerInvariant() switch
    {
        "gb2312" or "gbk" or "x-gbk" or "cp936" or "euc-cn" => "gb18030",
        "ks_c_5601-1987" => "euc-kr",
        "x-sjis" or "sjis" or "windows-31j" or "cp932" => "shift_jis",
        "latin1" or "iso-8859-1" => "windows-1252",
        var other => other,
    };

    private static byte[] QDecode(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '_')
            {
                bytes.Add((byte)' ');
            }
            else if (text[i] == '=' && i + 2 < text.Length && Uri.IsHexDigit(text[i + 1]) && Uri.IsHexDigit(text[i + 2]))
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)text[i]);
            }
        }

        return [.. bytes];
    }

    [GeneratedRegex(@"=\?(?<cs>iso-2022-jp[^?*]*)(\*[^?]*)?\?(?<enc>[BbQq])\?(?<text>[^?\s]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"(?:charset\s*=\s*""?|=\?)(?<cs>[A-Za-z0-9_.:+-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DeclaredCharset();
}

/// <summary>uuencoded content: a "begin mode name" … "end" block in text (old clients), or a part whose decoder gave nothing.</summary>
internal static partial class Uuencode
{
    /// <summary>Splits uuencoded blocks out of a text: the text without them, and each file.</summary>
    public static (string Text, List<(string Name, byte[] Bytes)> Files) Extract(string text)
    {
        var files = new List<(string, byte[])>();
        if (text.IndexOf("begin ", StringComparison.Ordinal) < 0)
        {
            return (text, files);
        }

        var rest = Block().Replace(text, match =>
        {
            if (DecodeLines(match.Groups["data"].Value) is { Length: > 0 } bytes)
            {
                files.Add((Path.GetFileName(match.Groups["name"].Value.Trim()), bytes));
                return "";
            }

            return match.Value;
        });
        return (rest, files);
    }

    /// <summary>Decodes uuencoded lines (an optional "begin" line and "end" are skipped); null when nothing decodes.</summary>
    public static byte[]? DecodeLines(string content)
    {
        var output = new List<byte>();
        foreach (var raw in content.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith("begin ", StringComparison.Ordinal) || line == "end" || line == "`")
            {
                continue;
            }

            var count = (line[0] - 32) & 63;
            if (count == 0)
            {
                continue;
            }

            var values = new List<int>();
            for (var i = 1; i < line.Length; i++)
            {
                values.Add((line[i] - 32) & 63);
            }

            var produced = 0;
            for (var i = 0; i + 3 < values.Count + 3 && produced < count; i += 4)
            {
                int V(int k) => i + k < values.Count ? values[i + k] : 0;
                var b0 = (byte)((V(0) << 2) | (V(1) >> 4));
                var b1 = (byte)(((V(1) & 15) << 4) | (V(2) >> 2));
                var b2 = (byte)(((V(2) & 3) << 6) | V(3));
                foreach (var b in new[] { b0, b1, b2 })
                {
                    if (produced++ < count)
                    {
                        output.Add(b);
                    }
                }
            }
        }

        return output.Count == 0 ? null : [.. output];
    }

    [GeneratedRegex(@"^begin [0-7]{3,4} (?<name>[^\r\n]+)\r?\n(?<data>(?:[^\r\n]*\r?\n)*?)end[ \t]*(\r?\n|$)", RegexOptions.Multiline)]
    private static partial Regex Block();
}
