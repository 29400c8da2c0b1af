using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124092440_ClaimBatches")]
public sealed class ClaimBatches : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ClaimBatches",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BatchDate = table.Column<DateOnly>(nullable: false),
                CentreId = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 450, nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClaimBatches", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ClaimBatchItems",
            columns: table => new
            {
                BatchId = table.Column<int>(nullable: false),
                ClaimId = table.Column<int>(nullable: false),
                ReceivedAt = table.Column<DateTime?>(nullable: true),
                ReceivedBy = table.Column<string>(maxLength: 256, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ClaimBatchItems", x => new { x.BatchId, x.ClaimId });
                table.ForeignKey(
                    name: "FK_ClaimBatchItems_ClaimBatches_BatchId",
                    column: x => x.BatchId,
                    principalTable: "ClaimBatches",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
                table.ForeignKey(
                    name: "FK_ClaimBatchItems_ExpenseClaims_ClaimId",
                    column: x => x.ClaimId,
                    principalTable: "ExpenseClaims",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ClaimBatches_OrgPath",
            table: "ClaimBatches",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_ClaimBatchItems_ClaimId",
            table: "ClaimBatchItems",
            column: "ClaimId",
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ClaimBatchItems");
        migrationBuilder.DropTable(name: "ClaimBatches");
    }
}
