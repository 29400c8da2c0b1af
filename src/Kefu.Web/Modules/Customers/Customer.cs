using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;

namespace Kefu.Web.Modules.Customers;

/// <summary>Customer types of CUS-01.</summary>
public enum CustomerType
{
    Contract,
    Retail,
    AgentDistributor,
    EndUser,
}

/// <summary>Settlement modes of CUS-01: monthly (月结) or cash (现结).</summary>
public enum SettlementMode
{
    Monthly,
    Cash,
}

/// <summary>
/// A customer profile (CUS-01). Every change is kept by the audit trail (CUS-02); the normalised
/// keys let intake find possible duplicates fast (CUS-03).
/// </summary>
public sealed class Customer : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Number { get; set; }
    public required string Name { get; set; }
    public string? Grade { get; set; }
    public string? Phone { get; set; }
    public CustomerType Type { get; set; } = CustomerType.Contract;
    public string? Industry { get; set; }
    public string? Province { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    public string? Address { get; set; }
    public string? Channel { get; set; }
    public SettlementMode Settlement { get; set; } = SettlementMode.Monthly;

    /// <summary>Payment cycle in days (AR-06 raises overdue items beyond it).</summary>
    public int? PaymentCycleDays { get; set; }

    /// <summary>统一社会信用代码.</summary>
    public string? TaxId { get; set; }

    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? Tags { get; set; }
    public string? Notes { get; set; }

    /// <summary>Product lines a dealer sells, comma-separated (CUS-07 territory check).</summary>
    public string? ProductLines { get; set; }

    /// <summary>Set when a supervisor merged this duplicate into another customer (CUS-03); merged records leave the lists.</summary>
    public int? MergedIntoId { get; set; }

    /// <summary>CUS-03 keys, kept in step with the fields they come from.</summary>
    public string NameKey { get; set; } = "";

    public string? PhoneKey { get; set; }
    public string? TaxIdKey { get; set; }

    /// <summary>CUS-05: when the current owner was assigned, and when they first contacted the customer.</summary>
    public DateTime? AssignedAt { get; set; }

    public DateTime? FirstContactAt { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";

    /// <summary>The CS specialist who owns the customer.</summary>
    public string? OwnerId { get; set; }

    /// <summary>When the customer was taken in: the account's opening date (CUS-08 开户).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>CUS-08: open, or closed (销户) — a closed account leaves the active lists and takes no new orders or jobs.</summary>
    public Kefu.Core.Customers.AccountStatus AccountStatus { get; set; }

    /// <summary>CUS-08: the last closing — when, by whom, why. Kept after a reopening, which the audit trail shows in order.</summary>
    public DateTime? ClosedAt { get; set; }

    public string? ClosedByUserId { get; set; }
    public string? CloseReason { get; set; }

    /// <summary>CUS-08: the last reopening — when, by whom, why.</summary>
    public DateTime? ReopenedAt { get; set; }

    public string? ReopenedByUserId { get; set; }
    public string? ReopenReason { get; set; }
    public int Version { get; set; }
}
