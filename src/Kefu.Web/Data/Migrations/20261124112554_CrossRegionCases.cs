using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124112554_CrossRegionCases")]
public sealed class CrossRegionCases : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CrossRegionCases",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AnnouncedAt = table.Column<DateTime?>(nullable: true),
                BatchNumbers = table.Column<string>(maxLength: 500, nullable: true),
                CentreId = table.Column<int>(nullable: false),
                Complainant = table.Column<string>(maxLength: 200, nullable: false),
                ComplaintAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EvidenceAt = table.Column<DateTime?>(nullable: true),
                FinanceToldAt = table.Column<DateTime?>(nullable: true),
                GmDecision = table.Column<string>(maxLength: 2000, nullable: true),
                GmDecisionAt = table.Column<DateTime?>(nullable: true),
                Number = table.Column<string>(maxLength: 32, nullable: false),
                Offender = table.Column<string>(maxLength: 200, nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                PenaltyFen = table.Column<long?>(nullable: true),
                PriceFen = table.Column<long?>(nullable: true),
                Products = table.Column<string>(maxLength: 300, nullable: true),
                Province = table.Column<string>(maxLength: 50, nullable: false),
                ProvinceClosingAt = table.Column<DateTime?>(nullable: true),
                Quantity = table.Column<int?>(nullable: true),
                ReportAt = table.Column<DateTime?>(nullable: true),
                SerialNumbers = table.Column<string>(maxLength: 1000, nullable: true),
                ToMarketingAt = table.Column<DateTime?>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CrossRegionCases", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_CrossRegionCases_Number",
            table: "CrossRegionCases",
            column: "Number",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_CrossRegionCases_OrgPath_ComplaintAt",
            table: "CrossRegionCases",
            columns: new[] { "OrgPath", "ComplaintAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "CrossRegionCases");
    }
}
