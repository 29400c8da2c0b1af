using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using System.Text.RegularExpressions;

namespace Kefu.Web.Modules.Training;

/// <summary>
/// TRN-01: a course's material as people write it, turned into safe HTML. Lines starting "# " and
/// "## " are headings, "- " a list item, "1. " a numbered item, a blank line ends a paragraph, and
/// [text](https://…) is a link (http and https only). Everything else is text, HTML-encoded.
/// </summary>
public static partial class CourseMaterial
{
    // Chinese stays readable in the page source (as Razor is set up to do).
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    [GeneratedRegex(@"\[([^\]\r\n]{1,200})\]\((https?://[^\s)]{1,500})\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^\d{1,3}[.、]\s*")]
    private static partial Regex Numbered();

    public static string ToHtml(string? material)
    {
        var html = new StringBuilder();
        string? openList = null;
        var paragraph = new List<string>();

        void CloseParagraph()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(string.Join("<br>", paragraph)).Append("</p>");
                paragraph.Clear();
            }
        }

        void CloseList()
        {
            if (openList is not null)
            {
                html.Append("</").Append(openList).Append('>');
                openList = null;
            }
        }

        void Item(string tag, string text)
        {
            CloseParagraph();
            if (openList != tag)
            {
                CloseList();
                html.Append('<').Append(tag).Append('>');
                openList = tag;
            }

            html.Append("<li>").Append(Inline(text)).Append("</li>");
        }

        foreach (var raw in (material ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                CloseParagraph();
                CloseList();
            }
            else if (line.StartsWith("## ", StringComparison.Ordinal) || line.StartsWith("# ", StringComparison.Ordinal))
            {
                CloseParagraph();
                CloseList();
                var tag = line.StartsWith("## ", StringComparison.Ordinal) ? "h4" : "h3";
                html.Append('<').Append(tag).Append('>').Append(Inline(line.TrimStart('#').Trim())).Append("</").Append(tag).Append('>');
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Item("ul", line[2..]);
            }
            else if (Numbered().Match(line) is { Success: true } n)
            {
                Item("ol", line[n.Length..]);
            }
            else
            {
                CloseList();
                paragraph.Add(Inline(line));
            }
        }

        CloseParagraph();
        CloseList();
        return html.ToString();
    }

    /// <summary>The links of the material (for a list beside it), in order.</summary>
    public static IReadOnlyList<(string Text, string Url)> Links(string? material) =>
        Link().Matches(material ?? "").Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToArray();

    private static string Inline(string text)
    {
        var result = new StringBuilder();
        var at = 0;
        foreach (Match m in Link().Matches(text))
        {
            result.Append(Html.Encode(text[at..m.Index]));
            result.Append("<a href=\"").Append(Html.Encode(m.Groups[2].Value)).Append("\" rel=\"noopener noreferrer\" target=\"_blank\">")
                .Append(Html.Encode(m.Groups[1].Value)).Append("</a>");
            at = m.Index + m.Length;
        }

        return result.Append(Html.Encode(text[at..])).ToString();
    }
}
