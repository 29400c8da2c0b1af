using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261130095934_CalendarArrangements")]
public sealed class CalendarArrangements : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "CalendarReminders",
            columns: table => new
            {
                Year = table.Column<int>(nullable: false),
                WeekOf = table.Column<DateOnly>(nullable: false),
                Recipients = table.Column<int>(nullable: false),
                SentAt = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarReminders", x => new { x.Year, x.WeekOf });
            });

        migrationBuilder.CreateTable(
            name: "CalendarYears",
            columns: table => new
            {
                CalendarId = table.Column<string>(maxLength: 32, nullable: false),
                Year = table.Column<int>(nullable: false),
                ArrangedAt = table.Column<DateTime>(nullable: false),
                ArrangedBy = table.Column<string>(maxLength: 256, nullable: true),
                Source = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarYears", x => new { x.CalendarId, x.Year });
                table.ForeignKey(
                    name: "FK_CalendarYears_Calendars_CalendarId",
                    column: x => x.CalendarId,
                    principalTable: "Calendars",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.AddColumn<bool>(
            name: "Provisional",
            table: "SlaBreaches",
            nullable: false,
            defaultValue: default(bool));

        migrationBuilder.AddColumn<bool>(
            name: "Provisional",
            table: "SlaTimers",
            nullable: false,
            defaultValue: default(bool));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dropping SlaTimers.Provisional needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping SlaBreaches.Provisional needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        migrationBuilder.DropTable(name: "CalendarYears");
        migrationBuilder.DropTable(name: "CalendarReminders");
    }
}
