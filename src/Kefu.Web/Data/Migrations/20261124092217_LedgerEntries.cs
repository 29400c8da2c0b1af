using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124092217_LedgerEntries")]
public sealed class LedgerEntries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "LedgerEntries",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AmountFen = table.Column<long>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedBy = table.Column<string>(maxLength: 256, nullable: true),
                EvidenceId = table.Column<string>(maxLength: 100, nullable: false),
                EvidenceType = table.Column<string>(maxLength: 64, nullable: false),
                ForcedRating = table.Column<string>(maxLength: 2, nullable: true),
                Month = table.Column<string>(maxLength: 7, nullable: false),
                Note = table.Column<string>(maxLength: 500, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                PersonId = table.Column<string>(maxLength: 450, nullable: false),
                Reason = table.Column<string>(maxLength: 64, nullable: false),
                RuleId = table.Column<string>(maxLength: 16, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_LedgerEntries", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_LedgerEntries_PersonId_Month",
            table: "LedgerEntries",
            columns: new[] { "PersonId", "Month" });

        migrationBuilder.CreateIndex(
            name: "IX_LedgerEntries_RuleId_Reason_EvidenceType_EvidenceId_PersonId",
            table: "LedgerEntries",
            columns: new[] { "RuleId", "Reason", "EvidenceType", "EvidenceId", "PersonId" },
            unique: true);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "LedgerEntries");
    }
}
