using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ContactPhone",
                table: "IntakeItems",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RequestKind",
                table: "IntakeItems",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PortalLinkRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NetworkKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PortalLinkRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntakeItems_FromAddress_ReceivedAt",
                table: "IntakeItems",
                columns: new[] { "FromAddress", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalLinkRequests_Email_CreatedAt",
                table: "PortalLinkRequests",
                columns: new[] { "Email", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalLinkRequests_NetworkKey_CreatedAt",
                table: "PortalLinkRequests",
                columns: new[] { "NetworkKey", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PortalLinkRequests_TokenHash",
                table: "PortalLinkRequests",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PortalLinkRequests");

            migrationBuilder.DropIndex(
                name: "IX_IntakeItems_FromAddress_ReceivedAt",
                table: "IntakeItems");

            migrationBuilder.DropColumn(
                name: "ContactPhone",
                table: "IntakeItems");

            migrationBuilder.DropColumn(
                name: "RequestKind",
                table: "IntakeItems");
        }
    }
}
