using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124094315_CustomerProfile")]
public sealed class CustomerProfile : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.AddColumn<string>(
            name: "Address",
            table: "Customers",
            maxLength: 300,
            nullable: true);

        migrationBuilder.AddColumn<DateTime?>(
            name: "AssignedAt",
            table: "Customers",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "Channel",
            table: "Customers",
            maxLength: 50,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "City",
            table: "Customers",
            maxLength: 50,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "ContactEmail",
            table: "Customers",
            maxLength: 256,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "ContactName",
            table: "Customers",
            maxLength: 100,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "District",
            table: "Customers",
            maxLength: 50,
            nullable: true);

        migrationBuilder.AddColumn<DateTime?>(
            name: "FirstContactAt",
            table: "Customers",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "Industry",
            table: "Customers",
            maxLength: 100,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "NameKey",
            table: "Customers",
            maxLength: 200,
            nullable: false,
            defaultValue: "");

        migrationBuilder.AddColumn<string>(
            name: "Notes",
            table: "Customers",
            maxLength: 2000,
            nullable: true);

        migrationBuilder.AddColumn<int?>(
            name: "PaymentCycleDays",
            table: "Customers",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "PhoneKey",
            table: "Customers",
            maxLength: 40,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "Province",
            table: "Customers",
            maxLength: 50,
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "Settlement",
            table: "Customers",
            nullable: false,
            defaultValue: default(int));

        migrationBuilder.AddColumn<string>(
            name: "Tags",
            table: "Customers",
            maxLength: 300,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "TaxId",
            table: "Customers",
            maxLength: 32,
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "TaxIdKey",
            table: "Customers",
            maxLength: 32,
            nullable: true);

        migrationBuilder.AddColumn<int>(
            name: "Type",
            table: "Customers",
            nullable: false,
            defaultValue: default(int));

        migrationBuilder.CreateIndex(
            name: "IX_Customers_NameKey",
            table: "Customers",
            column: "NameKey");

        migrationBuilder.CreateIndex(
            name: "IX_Customers_PhoneKey",
            table: "Customers",
            column: "PhoneKey");

        migrationBuilder.CreateIndex(
            name: "IX_Customers_TaxIdKey",
            table: "Customers",
            column: "TaxIdKey");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropIndex(name: "IX_Customers_TaxIdKey", table: "Customers");
        migrationBuilder.DropIndex(name: "IX_Customers_PhoneKey", table: "Customers");
        migrationBuilder.DropIndex(name: "IX_Customers_NameKey", table: "Customers");
        // Dropping Customers.Type needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.TaxIdKey needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.TaxId needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Tags needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Settlement needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Province needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.PhoneKey needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.PaymentCycleDays needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Notes needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.NameKey needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Industry needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.FirstContactAt needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.District needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.ContactName needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.ContactEmail needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.City needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Channel needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.AssignedAt needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.Address needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
    }
}
