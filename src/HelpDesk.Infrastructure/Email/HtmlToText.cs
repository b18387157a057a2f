using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace HelpDesk.Infrastructure.Email;

/// <summary>Plain text from an HTML body (for messages that have only HTML): block elements become lines, blockquotes get "&gt; ".</summary>
internal static class HtmlToText
{
    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer",
    };

    private static readonly HashSet<string> SkippedTags = new(StringComparer.OrdinalIgnoreCase) { "script", "style", "head", "title", "template" };

    public static string Convert(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var text = new StringBuilder();
        Walk(document.Body ?? (INode)document, text);
        var lines = text.ToString().Replace("\r", "", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd());
        return CollapseBlankLines(lines).Trim('\n');
    }

    private static void Walk(INode node, StringBuilder text)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText t when string.IsNullOrWhiteSpace(t.Data) && (text.Length == 0 || text[^1] == '\n'):
                    break;
                case IText t:
                    text.Append(WhitespaceRun(t.Data));
                    break;
                case IElement e when SkippedTags.Contains(e.LocalName):
                    break;
                case IElement { LocalName: "br" }:
                    text.Append('\n');
                    break;
                case IElement { LocalName: "blockquote" } e:
                    var inner = new StringBuilder();
                    Walk(e, inner);
                    EndLine(text);
                    foreach (var line in inner.ToString().Trim('\n').Split('\n'))
                    {
                        text.Append("> ").Append(line.Trim()).Append('\n');
                    }

                    break;
                case IElement e when BlockTags.Contains(e.LocalName):
                    EndLine(text);
                    Walk(e, text);
                    EndLine(text);
                    if (e.LocalName == "p" && !(text.Length >= 2 && text[^1] == '\n' && text[^2] == '\n')) text.Append('\n');
                    break;
                case IElement e:
                    Walk(e, text);
                    break;
            }
        }
    }

    /// <summary>Ends the current line unless it is already ended: adjacent blocks do not make blank lines.</summary>
    private static void EndLine(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ') text.Length--;
        if (text.Length > 0 && text[^1] != '\n') text.Append('\n');
    }

    private static string WhitespaceRun(string data) =>
        string.Join(' ', data.Split([' ', '\t', '\r', '\n'], StringSplitOptions.None)).Replace("  ", " ", StringComparison.Ordinal);

    private static string CollapseBlankLines(IEnumerable<string> lines)
    {
        var lastBlank = false;
        var result = new List<string>();
        foreach (var raw in lines)
        {
            var line = raw.TrimStart() == "" ? "" : raw.Trim();
            if (line.Length == 0 && lastBlank) continue;
            result.Add(line);
            lastBlank = line.Length == 0;
        }

        return string.Join('\n', result);
    }
}
