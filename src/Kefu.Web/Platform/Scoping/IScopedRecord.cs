namespace Kefu.Web.Platform.Scoping;

/// <summary>
/// A record that belongs to a place in the org tree and, optionally, to a person. Every list,
/// read and change of such a record goes through <see cref="ScopeQueryExtensions.VisibleTo{T}"/> (ORG-03).
/// </summary>
public interface IScopedRecord
{
    /// <summary>The person who owns the record (technician, specialist, claimant), if any.</summary>
    string? OwnerId { get; }

    /// <summary>Materialised path of the org unit the record belongs to, e.g. "/1/2/4/".</summary>
    string OrgPath { get; }
}
