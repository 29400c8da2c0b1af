using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cus15Seeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NewNeeds",
                table: "Visits",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProblemsRaised",
                table: "Visits",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RecentSales",
                table: "Visits",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReportedAt",
                table: "Visits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReportedToId",
                table: "Visits",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CustomerAddresses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Province = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    City = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    District = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Line = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerAddresses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomerContactPersons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Position = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    IsPrimary = table.Column<bool>(type: "boolean", nullable: false),
                    PortalAccess = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerContactPersons", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_ReportedToId",
                table: "Visits",
                column: "ReportedToId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAddresses_CustomerId",
                table: "CustomerAddresses",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAddresses_OnePrimary",
                table: "CustomerAddresses",
                column: "CustomerId",
                unique: true,
                filter: "\"IsPrimary\"");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerContactPersons_CustomerId",
                table: "CustomerContactPersons",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerContactPersons_OnePrimary",
                table: "CustomerContactPersons",
                column: "CustomerId",
                unique: true,
                filter: "\"IsPrimary\"");

            // CUS-01: each customer's one contact and one address become its primary contact and address (data kept).
            migrationBuilder.Sql("""
                INSERT INTO "CustomerContactPersons" ("CustomerId", "Name", "Email", "IsPrimary", "PortalAccess", "CreatedAt", "Version")
                SELECT "Id", COALESCE("ContactName", "ContactEmail"), "ContactEmail", TRUE, FALSE, "CreatedAt", 0
                FROM "Customers" WHERE "ContactName" IS NOT NULL OR "ContactEmail" IS NOT NULL
                """);
            migrationBuilder.Sql("""
                INSERT INTO "CustomerAddresses" ("CustomerId", "Province", "City", "District", "Line", "IsPrimary", "CreatedAt", "Version")
                SELECT "Id", "Province", "City", "District", "Address", TRUE, "CreatedAt", 0
                FROM "Customers" WHERE "Province" IS NOT NULL OR "City" IS NOT NULL OR "District" IS NOT NULL OR "Address" IS NOT NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerAddresses");

            migrationBuilder.DropTable(
                name: "CustomerContactPersons");

            migrationBuilder.DropIndex(
                name: "IX_Visits_ReportedToId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "NewNeeds",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "ProblemsRaised",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "RecentSales",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "ReportedAt",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "ReportedToId",
                table: "Visits");
        }
    }
}
