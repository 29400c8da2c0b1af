using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Customers;

public sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> builder)
    {
        builder.ToTable("Customers");
        builder.Property(c => c.Number).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.Grade).HasMaxLength(10);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.OrgPath).HasMaxLength(200);
        builder.Property(c => c.OwnerId).HasMaxLength(450);
        builder.Property(c => c.Industry).HasMaxLength(100);
        builder.Property(c => c.Province).HasMaxLength(50);
        builder.Property(c => c.City).HasMaxLength(50);
        builder.Property(c => c.District).HasMaxLength(50);
        builder.Property(c => c.Address).HasMaxLength(300);
        builder.Property(c => c.Channel).HasMaxLength(50);
        builder.Property(c => c.TaxId).HasMaxLength(32);
        builder.Property(c => c.ContactName).HasMaxLength(100);
        builder.Property(c => c.ContactEmail).HasMaxLength(256);
        builder.Property(c => c.Tags).HasMaxLength(300);
        builder.Property(c => c.Notes).HasMaxLength(2000);
        builder.Property(c => c.ProductLines).HasMaxLength(300);
        builder.Property(c => c.NameKey).HasMaxLength(200);
        builder.Property(c => c.PhoneKey).HasMaxLength(40);
        builder.Property(c => c.TaxIdKey).HasMaxLength(32);
        builder.Property(c => c.ClosedByUserId).HasMaxLength(450);
        builder.Property(c => c.CloseReason).HasMaxLength(Kefu.Core.Customers.AccountLifecycle.ReasonMaxLength);
        builder.Property(c => c.ReopenedByUserId).HasMaxLength(450);
        builder.Property(c => c.ReopenReason).HasMaxLength(Kefu.Core.Customers.AccountLifecycle.ReasonMaxLength);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.NameKey);
        builder.HasIndex(c => c.PhoneKey);
        builder.HasIndex(c => c.TaxIdKey);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.OrgPath);
        builder.HasIndex(c => c.OwnerId);
        builder.HasIndex(c => c.AccountStatus);

        // A merged duplicate (CUS-03) is gone from every list and lookup; the merge itself reads past this.
        builder.HasQueryFilter(c => c.MergedIntoId == null);
    }
}
