using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
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
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RequestKind",
                table: "IntakeItems",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PortalLinkRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NetworkKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: true),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UsedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
