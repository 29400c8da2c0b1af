namespace Kefu.Web.Data;

/// <summary>Who is acting and from where, for the audit log. The web layer supplies it per request.</summary>
public interface IAuditContext
{
    string? UserId { get; }
    string? UserName { get; }
    string? ClientAddress { get; }
    string? CorrelationId { get; }

    /// <summary>Background jobs, migrations and the CLI act as the system.</summary>
    static IAuditContext System { get; } = new SystemAuditContext();

    private sealed class SystemAuditContext : IAuditContext
    {
        public string? UserId => null;
        public string? UserName => "system";
        public string? ClientAddress => null;
        public string? CorrelationId => null;
    }
}
