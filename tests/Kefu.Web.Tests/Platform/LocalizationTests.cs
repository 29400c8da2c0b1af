using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-01: Chinese and English are both complete, and every string a page asks for exists.</summary>
public sealed partial class LocalizationTests
{
    private static string SourceRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Kefu.slnx")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Kefu.slnx not found"), "src", "Kefu.Web");
        }
    }

    private static Dictionary<string, string> Strings(string culture) =>
        XDocument.Load(Path.Combine(SourceRoot, "Resources", $"SharedResource.{culture}.resx"))
            .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void PLT_01_both_languages_have_the_same_keys_and_no_empty_text()
    {
        var zh = Strings("zh-CN");
        var en = Strings("en");
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.Empty(zh.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
        Assert.Empty(en.Where(kv => string.IsNullOrWhiteSpace(kv.Value)).Select(kv => kv.Key));
    }

    [Fact]
    public void PLT_01_every_literal_key_used_in_pages_and_code_exists()
    {
        var zh = Strings("zh-CN");
        var used = Directory.EnumerateFiles(SourceRoot, "*.*", SearchOption.AllDirectories)
            .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => LiteralKey().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(used);
        var missing = used.Where(k => !zh.ContainsKey(k)).Order(StringComparer.Ordinal).ToArray();
        Assert.True(missing.Length == 0, "Missing: " + string.Join(", ", missing));
    }

    [Fact]
    public void PLT_01_enum_names_shown_in_pages_have_their_strings()
    {
        var zh = Strings("zh-CN");
        var expected = Enum.GetNames<Kefu.Core.Organization.Role>().Select(n => "Role." + n)
            .Concat(Enum.GetNames<Kefu.Core.Organization.DataScope>().Select(n => "Scope." + n))
            .Concat(Enum.GetNames<Kefu.Core.Organization.StaffStatus>().Select(n => "StaffStatus." + n))
            .Concat(Enum.GetNames<Kefu.Core.Organization.OrgUnitKind>().Select(n => "OrgKind." + n))
            .Concat(Enum.GetNames<Kefu.Core.Organization.DepartmentFunction>().Select(n => "Dept." + n))
            .Concat(Enum.GetNames<Kefu.Core.Calendar.DayKind>().Select(n => "DayKind." + n))
            .Concat(Enum.GetNames<DayOfWeek>().Select(n => "Weekday." + n));
        var missing = expected.Where(k => !zh.ContainsKey(k)).ToArray();
        Assert.True(missing.Length == 0, "Missing: " + string.Join(", ", missing));
    }

    /// <summary>L["Key.Name"], l["Key.Name"], Text.Get("Key.Name"… and problem keys such as Add("field", "Key.Name"…).</summary>
    [GeneratedRegex("""(?:\b[Ll]\[|Text\.Get\(|LocalText\.Of\(|Text\.In\([^,]+,\s*|\.Add\("[A-Za-z]+",\s*)"((?:[A-Z][A-Za-z]*)\.[A-Za-z.]+)"[\],)]""")]
    private static partial Regex LiteralKey();
}
