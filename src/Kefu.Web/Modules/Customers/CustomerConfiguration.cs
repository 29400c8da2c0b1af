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
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.OrgPath);
        builder.HasIndex(c => c.OwnerId);
    }
}
