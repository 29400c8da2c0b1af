using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Customers;

/// <summary>
/// One of a customer's contacts (CUS-01: name, phone, email, position). Exactly one is the primary
/// whenever there is any; the customer's own contact fields mirror it, so what other modules read
/// (orders, statements, jobs, mail intake) stays the primary. A contact with portal access may sign
/// in to the portal with their email.
/// </summary>
public sealed class CustomerContactPerson : IVersioned
{
    public int Id { get; set; }
    public int CustomerId { get; set; }
    public required string Name { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Position { get; set; }
    public bool IsPrimary { get; set; }

    /// <summary>May sign in to the customer portal with <see cref="Email"/> (the primary always may).</summary>
    public bool PortalAccess { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>One of a customer's addresses (CUS-01): what it is for, the region and the street; exactly one is the primary, mirrored on the customer.</summary>
public sealed class CustomerAddress : IVersioned
{
    public int Id { get; set; }
    public int CustomerId { get; set; }

    /// <summary>What the address is for (办公地址, 仓库, 收货地址…), free text.</summary>
    public string? Label { get; set; }

    public string? Province { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }
    /// <summary>The street line; required when entered, possibly empty on an address taken over from a customer that had only a region.</summary>
    public string? Line { get; set; }
    public bool IsPrimary { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class CustomerContactPersonConfiguration : IEntityTypeConfiguration<CustomerContactPerson>
{
    public void Configure(EntityTypeBuilder<CustomerContactPerson> builder)
    {
        builder.ToTable("CustomerContactPersons");
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.Email).HasMaxLength(256);
        builder.Property(c => c.Position).HasMaxLength(100);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.CustomerId, "IX_CustomerContactPersons_CustomerId");

        // CUS-01: never two primaries for one customer (the filter reads the same on both databases).
        builder.HasIndex(c => c.CustomerId, "IX_CustomerContactPersons_OnePrimary").IsUnique().HasFilter("\"IsPrimary\"");
    }
}

public sealed class CustomerAddressConfiguration : IEntityTypeConfiguration<CustomerAddress>
{
    public void Configure(EntityTypeBuilder<CustomerAddress> builder)
    {
        builder.ToTable("CustomerAddresses");
        builder.Property(a => a.Label).HasMaxLength(50);
        builder.Property(a => a.Province).HasMaxLength(50);
        builder.Property(a => a.City).HasMaxLength(50);
        builder.Property(a => a.District).HasMaxLength(50);
        builder.Property(a => a.Line).HasMaxLength(300);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => a.CustomerId, "IX_CustomerAddresses_CustomerId");
        builder.HasIndex(a => a.CustomerId, "IX_CustomerAddresses_OnePrimary").IsUnique().HasFilter("\"IsPrimary\"");
    }
}
