namespace Kefu.Web.Platform.Scoping;

/// <summary>
/// A record that belongs to a place in the org tree and, optionally, to a person. Every list,
/// read and change of such a record goes through <see cref="ScopeQueryExtensions.VisibleTo{T}"/> (ORG-03).
/// </summary>
public interface IScopedRecord
{
    /// <summary>Materialised path of the org unit the record belongs to, e.g. "/1/2/4/".</summary>
    string OrgPath { get; }

    /// <summary>
    /// The mapped property holding the id of the person who owns the record (technician,
    /// specialist, claimant). A staff record owns itself, so it names its own "Id".
    /// </summary>
    static virtual string OwnerProperty => "OwnerId";
}
