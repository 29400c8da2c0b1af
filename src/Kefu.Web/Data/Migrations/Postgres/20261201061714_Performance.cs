using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Performance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PerformanceLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MonthId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    PersonId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RuleId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Reason = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    AdjustedFen = table.Column<long>(type: "bigint", nullable: true),
                    AdjustReason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    AdjustedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AdjustedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ForcedRating = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    EvidenceType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EvidenceId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LineKey = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    CorrectsLineId = table.Column<long>(type: "bigint", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PerformanceMonths",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RunAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RunById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    LockedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LockedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceMonths", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PerformanceRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MonthId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Jobs = table.Column<int>(type: "integer", nullable: false),
                    MobileScore = table.Column<int>(type: "integer", nullable: false),
                    Rated = table.Column<int>(type: "integer", nullable: false),
                    VerySatisfied = table.Column<int>(type: "integer", nullable: false),
                    Complaints = table.Column<int>(type: "integer", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    RewardsFen = table.Column<long>(type: "bigint", nullable: false),
                    FinesFen = table.Column<long>(type: "bigint", nullable: false),
                    NetFen = table.Column<long>(type: "bigint", nullable: false),
                    Rating = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PerformanceRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectBonuses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BonusFen = table.Column<long>(type: "bigint", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ResponsibleId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    DocumentsDueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DocumentsInOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectBonuses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ProjectBonusMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BonusId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    IsManager = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectBonusMembers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceLines_Month_PersonId_LineKey",
                table: "PerformanceLines",
                columns: new[] { "Month", "PersonId", "LineKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceLines_MonthId_PersonId",
                table: "PerformanceLines",
                columns: new[] { "MonthId", "PersonId" });

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceMonths_Month_UnitId",
                table: "PerformanceMonths",
                columns: new[] { "Month", "UnitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceRecords_Month_PersonId",
                table: "PerformanceRecords",
                columns: new[] { "Month", "PersonId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceRecords_MonthId_Score",
                table: "PerformanceRecords",
                columns: new[] { "MonthId", "Score" });

            migrationBuilder.CreateIndex(
                name: "IX_PerformanceRecords_PersonId_Month",
                table: "PerformanceRecords",
                columns: new[] { "PersonId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectBonuses_Month",
                table: "ProjectBonuses",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectBonusMembers_BonusId_UserId",
                table: "ProjectBonusMembers",
                columns: new[] { "BonusId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PerformanceLines");

            migrationBuilder.DropTable(
                name: "PerformanceMonths");

            migrationBuilder.DropTable(
                name: "PerformanceRecords");

            migrationBuilder.DropTable(
                name: "ProjectBonuses");

            migrationBuilder.DropTable(
                name: "ProjectBonusMembers");
        }
    }
}
