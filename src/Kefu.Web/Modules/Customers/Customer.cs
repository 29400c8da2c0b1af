using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;

namespace Kefu.Web.Modules.Customers;

/// <summary>
/// A customer (CUS-01), as far as the foundation needs it: who owns it and which centre it
/// belongs to. The customers module adds contacts, grade rules, history and the rest.
/// </summary>
public sealed class Customer : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public required string Name { get; set; }
    public string? Grade { get; set; }
    public string? Phone { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";

    /// <summary>The CS specialist who owns the customer.</summary>
    public string? OwnerId { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}
