namespace Kefu.Core.Organization;

/// <summary>Where a caller stands in the org tree, as far as data scope (ORG-03) is concerned.</summary>
/// <param name="UserId">The caller's id; records they own are always visible.</param>
/// <param name="Scope">The widest scope of the caller's roles.</param>
/// <param name="CentrePath">Path of the caller's centre (or of their unit when not in a centre).</param>
/// <param name="BranchPath">Path of the caller's branch (or company when above branches).</param>
public sealed record ScopeViewer(string UserId, DataScope Scope, string CentrePath, string BranchPath)
{
    /// <summary>The subtree this viewer may read, or null when only their own records are visible.</summary>
    public string? VisiblePath => Scope switch
    {
        DataScope.Own => null,
        DataScope.Centre => CentrePath,
        DataScope.Branch => BranchPath,
        DataScope.Company => OrgPath.Root,
    };

    /// <summary>ORG-03: may this viewer see a record owned by <paramref name="ownerId"/> in <paramref name="orgPath"/>?</summary>
    public bool CanSee(string? ownerId, string orgPath) =>
        (ownerId is not null && ownerId == UserId) ||
        (VisiblePath is { } visible && OrgPath.IsWithin(orgPath, visible));
}
