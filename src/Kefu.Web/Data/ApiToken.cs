namespace Kefu.Web.Data;

/// <summary>A long-lived API token for an integration (PLT-04). Only its SHA-256 hash is stored.</summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The user the integration acts as; its roles and scope apply.</summary>
    public required string UserId { get; set; }

    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, shown so people can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }
}
