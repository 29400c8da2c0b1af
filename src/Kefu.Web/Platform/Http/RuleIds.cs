namespace Kefu.Web.Platform.Http;

/// <summary>
/// Which rules of REQUIREMENTS.md a UI string states (Resources/rules.tsv, embedded): people read the
/// rule in words, the API's problem details and the logs carry its ID.
/// </summary>
public static class RuleIds
{
    private static readonly Lazy<Dictionary<string, string[]>> Map = new(Load);

    /// <summary>The rule IDs of resource <paramref name="key"/>; empty when it states none.</summary>
    public static string[] Of(string key) => Map.Value.TryGetValue(key, out var ids) ? ids : [];

    private static Dictionary<string, string[]> Load()
    {
        using var stream = typeof(RuleIds).Assembly.GetManifestResourceStream("Kefu.Web.Resources.rules.tsv")
            ?? throw new InvalidOperationException("Resources/rules.tsv is not embedded.");
        using var reader = new StreamReader(stream);
        var map = new Dictionary<string, string[]>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#' || line.Split('\t') is not [var key, var ids])
            {
                continue;
            }

            map[key] = ids.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }

        return map;
    }
}
