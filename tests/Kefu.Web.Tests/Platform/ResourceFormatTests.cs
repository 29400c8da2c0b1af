using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// No placeholder ever reaches a person ("请填写{0}。") and no message turns the formatter into a
/// 500: every call in the sources that names a resource key with a literal string (Text.Get,
/// Text.In, ProblemBuilder.Add, localizer[...]) gives at least as many arguments as the string
/// has placeholders, in zh-CN and in English, and every string formats with that many.
/// </summary>
public sealed partial class ResourceFormatTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kefu.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Kefu.slnx) was not found above the test's folder.");
    }

    private static Dictionary<string, string> Strings(string culture) =>
        XDocument.Load(Path.Combine(Root, "src", "Kefu.Web", "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    /// <summary>How many arguments a composite format needs: the highest placeholder index + 1.</summary>
    private static int Needed(string format) =>
        Placeholder().Matches(format.Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal))
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).DefaultIfEmpty(0).Max();

    [GeneratedRegex(@"\{(\d+)(?:,[^}]*)?(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>A call site: a literal key and how many arguments follow it in the same call.</summary>
    private sealed record Call(string File, int Line, string Key, int Args);

    // Text.Get("K", …) / Text.In(culture, "K", …) / .Add(field, "K", …) / l["K", …] / L["K", …] / localizer["K", …]
    [GeneratedRegex(@"(?:Text\.Get\(|Text\.In\([^,()]+,\s*|\.Add\([^,()]+,\s*|\b(?:l|L|localizer|Localizer|loc)\[)\s*""(?<key>[A-Za-z][\w.]*)""")]
    private static partial Regex CallSite();

    private static IEnumerable<Call> Calls()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match match in CallSite().Matches(text))
            {
                var after = match.Index + match.Length;
                yield return new Call(Path.GetRelativePath(Root, file), text[..match.Index].Count(c => c == '\n') + 1, match.Groups["key"].Value, CountArguments(text, after));
            }
        }
    }

    /// <summary>Top-level commas from <paramref name="start"/> to the bracket that closes the call.</summary>
    private static int CountArguments(string text, int start)
    {
        var depth = 0;
        var args = 0;
        var inString = false;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return args;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    args++;
                    break;
            }
        }

        return args;
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_call_gives_the_arguments_its_string_needs(string culture)
    {
        var strings = Strings(culture);
        var calls = Calls().ToArray();
        Assert.True(calls.Length > 500, $"The scanner found only {calls.Length} call sites; it no longer recognises the code.");
        var holes = calls.Where(c => strings.TryGetValue(c.Key, out var format) && Needed(format) > c.Args)
            .Select(c => $"{c.File}:{c.Line} {c.Key} gets {c.Args} argument(s), \"{strings[c.Key]}\" needs {Needed(strings[c.Key])}")
            .ToArray();
        Assert.True(holes.Length == 0, $"{holes.Length} messages would show a placeholder:\n  " + string.Join("\n  ", holes));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_string_formats_with_the_arguments_it_names(string culture)
    {
        var broken = new List<string>();
        foreach (var (key, format) in Strings(culture))
        {
            var args = Enumerable.Range(0, Needed(format)).Select(i => (object)new string('长', 10_000 + i)).ToArray();
            try
            {
                _ = string.Format(CultureInfo.GetCultureInfo(culture), format, args);
            }
            catch (FormatException e)
            {
                broken.Add($"{key}: {e.Message}");
            }
        }

        Assert.True(broken.Count == 0, "Strings that do not format:\n  " + string.Join("\n  ", broken));
    }

    [Fact]
    public void Both_languages_have_the_same_keys_with_the_same_placeholders()
    {
        var zh = Strings("zh-CN");
        var en = Strings("en");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        var differ = zh.Where(z => Needed(z.Value) != Needed(en[z.Key])).Select(z => $"{z.Key}: \"{z.Value}\" vs \"{en[z.Key]}\"").ToArray();
        Assert.True(differ.Length == 0, "Placeholders differ between the languages:\n  " + string.Join("\n  ", differ));
    }

    [GeneratedRegex(@"\b(ORG|CAL|SLA|NTF|EXP|APR|CUS|VIS|ORD|EXC|PLT|RPT|FLD|RCV|PRF|TRN|MEM)-\d{2}\b")]
    private static partial Regex RuleId();

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void No_string_people_read_names_a_rule_ID(string culture)
    {
        // UI.md: people read the rule in words; the ID goes to the API's problem details (Resources/rules.tsv).
        var named = Strings(culture).Where(s => RuleId().IsMatch(s.Value)).Select(s => $"{s.Key}: {s.Value}").ToArray();
        Assert.True(named.Length == 0, "Strings that show a rule ID:\n  " + string.Join("\n  ", named));
    }

    [Fact]
    public void No_page_writes_a_rule_ID_outside_comments()
    {
        var pages = Directory.EnumerateFiles(Path.Combine(Root, "src", "Kefu.Web", "Modules"), "*.cshtml", SearchOption.AllDirectories);
        var found = pages.SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, i)))
            .Where(x => !x.line.TrimStart().StartsWith("@*", StringComparison.Ordinal) && RuleId().IsMatch(Regex.Replace(x.line, @"@\*.*?\*@|<!--.*?-->", "")))
            .Select(x => $"{Path.GetFileName(x.file)}:{x.i + 1}: {x.line.Trim()}").ToArray();
        Assert.True(found.Length == 0, "Pages that show a rule ID:\n  " + string.Join("\n  ", found));
    }

    [Fact]
    public void A_refusal_names_its_rule_in_the_problem_details_not_in_the_message()
    {
        var problems = new Kefu.Web.Platform.Http.ProblemBuilder().Add("lines[0].date", "Expense.TooOld", "2026-08-01", 1);

        Assert.Equal(["EXP-04"], problems.Rules["lines[0].date"]);
        Assert.DoesNotMatch(RuleId(), problems.Errors["lines[0].date"][0]);
    }
}
