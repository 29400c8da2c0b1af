using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124082656_Calendars")]
public sealed class Calendars : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Calendars",
            columns: table => new
            {
                Id = table.Column<string>(maxLength: 32, nullable: false),
                Name = table.Column<string>(maxLength: 100, nullable: false),
                ParentId = table.Column<string>(maxLength: 32, nullable: true),
                Periods = table.Column<string>(maxLength: 200, nullable: true),
                TimeZone = table.Column<string>(maxLength: 64, nullable: true),
                Version = table.Column<int>(nullable: false),
                WorkingWeekdays = table.Column<string>(maxLength: 20, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Calendars", x => x.Id);
                table.ForeignKey(
                    name: "FK_Calendars_Calendars_ParentId",
                    column: x => x.ParentId,
                    principalTable: "Calendars",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Restrict);
            });

        migrationBuilder.CreateTable(
            name: "CalendarDays",
            columns: table => new
            {
                CalendarId = table.Column<string>(maxLength: 32, nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                IsOffDay = table.Column<bool>(nullable: false),
                Name = table.Column<string>(maxLength: 50, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_CalendarDays", x => new { x.CalendarId, x.Date });
                table.ForeignKey(
                    name: "FK_CalendarDays_Calendars_CalendarId",
                    column: x => x.CalendarId,
                    principalTable: "Calendars",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.AddColumn<string>(
            name: "CalendarId",
            table: "OrgUnits",
            maxLength: 32,
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_Calendars_ParentId",
            table: "Calendars",
            column: "ParentId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dropping OrgUnits.CalendarId needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        migrationBuilder.DropTable(name: "CalendarDays");
        migrationBuilder.DropTable(name: "Calendars");
    }
}
