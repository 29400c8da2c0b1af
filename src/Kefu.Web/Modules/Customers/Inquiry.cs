using Kefu.Core.Customers;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Customers;

/// <summary>CUS-07's development pipeline, from the first introduction to the first order.</summary>
public enum InquiryStage
{
    IntroduceProducts,
    ConfirmProducts,
    Terms,
    Quote,
    FollowUpVisits,
    FirstOrder,

    /// <summary>Referred to a dealer or given up.</summary>
    Closed,
}

/// <summary>
/// A development inquiry (CUS-07): who asks, why (become agent or buy), where, through which
/// channels and for which product lines; the territory decision taken when it was recorded; the
/// stage reached. Reaching the first order makes the inquirer a customer.
/// </summary>
public sealed class Inquiry : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public required string Company { get; set; }
    public string? ContactName { get; set; }
    public string? Phone { get; set; }
    public InquiryIntent Intent { get; set; }
    public required string Province { get; set; }
    public string? City { get; set; }
    public string? District { get; set; }

    /// <summary>Comma-separated, as entered.</summary>
    public string Channels { get; set; } = "";

    public string ProductLines { get; set; } = "";
    public TerritoryOutcome Outcome { get; set; }

    /// <summary>Numbers of the dealers the decision names (referral target or conflicting dealers).</summary>
    public string? Dealers { get; set; }

    public InquiryStage Stage { get; set; }
    public string? Notes { get; set; }
    public required string OwnerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int CentreId { get; set; }

    /// <summary>The customer created at the first order.</summary>
    public int? CustomerId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}

public sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> builder)
    {
        builder.ToTable("Inquiries");
        builder.Property(i => i.Company).HasMaxLength(200);
        builder.Property(i => i.ContactName).HasMaxLength(100);
        builder.Property(i => i.Phone).HasMaxLength(40);
        builder.Property(i => i.Province).HasMaxLength(50);
        builder.Property(i => i.City).HasMaxLength(50);
        builder.Property(i => i.District).HasMaxLength(50);
        builder.Property(i => i.Channels).HasMaxLength(200);
        builder.Property(i => i.ProductLines).HasMaxLength(300);
        builder.Property(i => i.Dealers).HasMaxLength(500);
        builder.Property(i => i.Notes).HasMaxLength(2000);
        builder.Property(i => i.OwnerId).HasMaxLength(450);
        builder.Property(i => i.OrgPath).HasMaxLength(200);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.OrgPath, i.Stage });
    }
}
