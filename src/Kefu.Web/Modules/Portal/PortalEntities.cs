using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Portal;

/// <summary>
/// Every request for a sign-in link, sent or not: the hashed one-time token of a link that went
/// out, and the address and network that asked, which the abuse limits count. A token works once
/// (<see cref="UsedAt"/>, set by one conditional UPDATE) and only until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class PortalLinkRequest
{
    public long Id { get; set; }

    /// <summary>The address typed, normalised (lower case, trimmed).</summary>
    public required string Email { get; set; }

    /// <summary>The network that asked: an IPv4 address or an IPv6 /64.</summary>
    public required string NetworkKey { get; set; }

    /// <summary>The customer whose contact has the address; null when no link was sent.</summary>
    public int? CustomerId { get; set; }

    /// <summary>SHA-256 of the emailed token (hex); null when no link was sent. The token itself is never stored.</summary>
    public string? TokenHash { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
}

public sealed class PortalLinkRequestConfiguration : IEntityTypeConfiguration<PortalLinkRequest>
{
    public void Configure(EntityTypeBuilder<PortalLinkRequest> builder)
    {
        builder.ToTable("PortalLinkRequests");
        builder.Property(r => r.Email).HasMaxLength(256);
        builder.Property(r => r.NetworkKey).HasMaxLength(64);
        builder.Property(r => r.TokenHash).HasMaxLength(64);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.Email, r.CreatedAt });
        builder.HasIndex(r => new { r.NetworkKey, r.CreatedAt });
    }
}
