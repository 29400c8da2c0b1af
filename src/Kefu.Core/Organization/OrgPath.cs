namespace Kefu.Core.Organization;

/// <summary>
/// Materialised path of an org unit ("/1/4/9/"): a record is inside a unit's subtree when its
/// path starts with the unit's path, which databases answer with an indexed prefix match.
/// </summary>
public static class OrgPath
{
    public const string Root = "/";

    public static string Child(string parentPath, int id) => $"{parentPath}{id}/";

    public static bool IsWithin(string path, string ancestorPath) =>
        path.StartsWith(ancestorPath, StringComparison.Ordinal);

    /// <summary>The ids on the path, from the company down.</summary>
    public static IReadOnlyList<int> Ids(string path) =>
        path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
}
