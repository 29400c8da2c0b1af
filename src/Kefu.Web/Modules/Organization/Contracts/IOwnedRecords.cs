namespace Kefu.Web.Modules.Organization.Contracts;

/// <summary>
/// A kind of record a person owns (customers, cases, approvals…). Each module that has one
/// registers an implementation, so a job rotation (ORG-05) can hand all of them to a successor.
/// Implementations use the request's <c>KefuDbContext</c>, so the hand-over is one transaction.
/// </summary>
public interface IOwnedRecords
{
    /// <summary>Resource key naming the kind, e.g. "Owned.Customers".</summary>
    string Kind { get; }

    Task<int> CountAsync(string ownerId, CancellationToken ct);

    /// <summary>Gives every open record of <paramref name="fromUserId"/> to <paramref name="toUserId"/>; returns how many.</summary>
    Task<int> TransferAsync(string fromUserId, string toUserId, CancellationToken ct);
}
