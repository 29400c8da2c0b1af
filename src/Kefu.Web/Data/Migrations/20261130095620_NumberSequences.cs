using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>
/// Number sequences (issue 10, EXP-02): the counter table, seeded from the numbers already given so
/// that an existing database goes on from its highest number; and a claim's number becomes
/// optional, because a claim is numbered at its first submission, not as a draft. Drafts made by
/// the previous release keep the number they have.
/// The table is scaffolded; the column change and the seeding are written by hand.
/// </summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261130095620_NumberSequences")]
public sealed class NumberSequences : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SequenceCounters",
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 64, nullable: false),
                Scope = table.Column<string>(maxLength: 450, nullable: false),
                Last = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SequenceCounters", x => new { x.Name, x.Scope });
            });

        var sqlite = migrationBuilder.IsSqlite();
        if (sqlite)
        {
            RebuildExpenseClaimsWithOptionalNumber(migrationBuilder);
        }
        else
        {
            migrationBuilder.AlterColumn<int>(name: "Number", table: "ExpenseClaims", nullable: true, oldClrType: typeof(int), oldNullable: false);
        }

        // EXP-02: each claimant's sequence goes on from their highest number.
        migrationBuilder.Sql("""
            INSERT INTO "SequenceCounters" ("Name", "Scope", "Last")
            SELECT 'ExpenseClaim', "ClaimantId", MAX("Number") FROM "ExpenseClaims" WHERE "Number" IS NOT NULL GROUP BY "ClaimantId"
            """);
        // The names and formats of CustomerUseCases, OrderUseCases, IncidentUseCases and CrossRegionUseCases.
        SeedFromNumbers(migrationBuilder, sqlite, "Customer", "Customers", "C");
        SeedFromNumbers(migrationBuilder, sqlite, "Order", "Orders", "WO");
        SeedFromNumbers(migrationBuilder, sqlite, "Incident", "Incidents", "I");
        SeedFromNumbers(migrationBuilder, sqlite, "CrossRegionCase", "CrossRegionCases", "X");
    }

    /// <summary>A company-wide counter starts at the highest number of the form prefix + digits already given.</summary>
    private static void SeedFromNumbers(MigrationBuilder migrationBuilder, bool sqlite, string sequence, string table, string prefix)
    {
        var digitsFrom = prefix.Length + 1;
        var matches = sqlite
            ? $"""substr("Number", 1, {prefix.Length}) = '{prefix}' AND length("Number") > {prefix.Length} AND substr("Number", {digitsFrom}) NOT GLOB '*[^0-9]*'"""
            : $"""
               "Number" ~ '^{prefix}[0-9]+$' AND length("Number") <= {prefix.Length + 18}
               """;
        var type = sqlite ? "INTEGER" : "bigint";
        migrationBuilder.Sql($"""
            INSERT INTO "SequenceCounters" ("Name", "Scope", "Last")
            SELECT '{sequence}', '', m FROM (SELECT MAX(CAST(substr("Number", {digitsFrom}) AS {type})) AS m FROM "{table}" WHERE {matches}) AS highest
            WHERE m IS NOT NULL
            """);
    }

    /// <summary>
    /// SQLite cannot drop a NOT NULL constraint: the table is rebuilt, the way EF rebuilds tables on
    /// SQLite (foreign keys off outside the transaction, copy, drop, rename, indexes again), so that
    /// dropping the old table neither cascades into the claims' lines nor trips the batches' keys.
    /// </summary>
    private static void RebuildExpenseClaimsWithOptionalNumber(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("PRAGMA foreign_keys = 0;", suppressTransaction: true);
        migrationBuilder.CreateTable(
            name: "ef_temp_ExpenseClaims",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CentreId = table.Column<int>(nullable: false),
                ClaimantId = table.Column<string>(maxLength: 450, nullable: false),
                ClaimedFen = table.Column<long>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                ExceptionApproved = table.Column<bool>(nullable: false),
                HasTravelSummary = table.Column<bool>(nullable: false),
                Notes = table.Column<string>(maxLength: 1000, nullable: true),
                Number = table.Column<int>(nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                PaidAt = table.Column<DateTime?>(nullable: true),
                PayableFen = table.Column<long>(nullable: false),
                Status = table.Column<int>(nullable: false),
                SubmittedAt = table.Column<DateTime?>(nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExpenseClaims", x => x.Id);
            });
        const string columns = """
            "Id", "CentreId", "ClaimantId", "ClaimedFen", "CreatedAt", "ExceptionApproved", "HasTravelSummary", "Notes", "Number",
            "OrgPath", "PaidAt", "PayableFen", "Status", "SubmittedAt", "Version"
            """;
        migrationBuilder.Sql($"""INSERT INTO "ef_temp_ExpenseClaims" ({columns}) SELECT {columns} FROM "ExpenseClaims";""");
        migrationBuilder.DropTable(name: "ExpenseClaims");
        migrationBuilder.RenameTable(name: "ef_temp_ExpenseClaims", newName: "ExpenseClaims");
        migrationBuilder.CreateIndex(name: "IX_ExpenseClaims_ClaimantId_Number", table: "ExpenseClaims", columns: ["ClaimantId", "Number"], unique: true);
        migrationBuilder.CreateIndex(name: "IX_ExpenseClaims_OrgPath", table: "ExpenseClaims", column: "OrgPath");
        migrationBuilder.CreateIndex(name: "IX_ExpenseClaims_Status", table: "ExpenseClaims", column: "Status");
        migrationBuilder.Sql("PRAGMA foreign_keys = 1;", suppressTransaction: true);
    }

    /// <summary>The counters go; claims' numbers stay optional (drafts made since have none to give back).</summary>
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SequenceCounters");
    }
}
