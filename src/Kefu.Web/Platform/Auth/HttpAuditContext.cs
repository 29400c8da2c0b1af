using System.Diagnostics;
using System.Security.Claims;
using Kefu.Web.Data;

namespace Kefu.Web.Platform.Auth;

/// <summary>The audit log's "who and from where" for web requests; background work is "system".</summary>
public sealed class HttpAuditContext(IHttpContextAccessor accessor) : IAuditContext
{
    private HttpContext? Http => accessor.HttpContext;

    public string? UserId => Http?.User.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => Http is null ? "system" : Http.User.Identity?.Name;

    public string? ClientAddress => Http?.Connection.RemoteIpAddress?.ToString();

    public string? CorrelationId => Activity.Current?.TraceId.ToString() ?? Http?.TraceIdentifier;
}
