namespace Kefu.Web.Data;

/// <summary>One line of the append-only audit log (PLT-03).</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string? ClientAddress { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>Insert, Update, Delete, Login, LoginFailed, Logout, TokenIssued, Rotation…</summary>
    public required string Action { get; set; }

    public required string EntityType { get; set; }
    public string? EntityId { get; set; }

    /// <summary>JSON object of field → [old, new].</summary>
    public string? Changes { get; set; }
}
