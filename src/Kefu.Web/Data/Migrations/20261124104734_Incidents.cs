using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124104734_Incidents")]
public sealed class Incidents : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "IncidentEvents",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ActorId = table.Column<string>(maxLength: 450, nullable: true),
                At = table.Column<DateTime>(nullable: false),
                IncidentId = table.Column<int>(nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                Text = table.Column<string>(maxLength: 4000, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_IncidentEvents", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Incidents",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CentreId = table.Column<int>(nullable: false),
                ClosedAt = table.Column<DateTime?>(nullable: true),
                CompensatedOnSpot = table.Column<bool>(nullable: false),
                Concealed = table.Column<bool>(nullable: false),
                CorrectivePlan = table.Column<string>(maxLength: 4000, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int?>(nullable: true),
                CustomerName = table.Column<string>(maxLength: 200, nullable: false),
                DamageFen = table.Column<long?>(nullable: true),
                Details = table.Column<string>(maxLength: 4000, nullable: true),
                EmailDueAt = table.Column<DateTime>(nullable: false),
                EmailSentAt = table.Column<DateTime?>(nullable: true),
                Escalated = table.Column<bool>(nullable: false),
                Number = table.Column<string>(maxLength: 32, nullable: false),
                OrderReference = table.Column<string>(maxLength: 64, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OutsideWorkingTime = table.Column<bool>(nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                PhoneCallAt = table.Column<DateTime?>(nullable: true),
                PhoneCallTo = table.Column<string>(maxLength: 100, nullable: true),
                PlanSentAt = table.Column<DateTime?>(nullable: true),
                QcFinding = table.Column<string>(maxLength: 4000, nullable: true),
                ReceivedAt = table.Column<DateTime>(nullable: false),
                RepliedAt = table.Column<DateTime?>(nullable: true),
                ReplyPromiseAt = table.Column<DateTime>(nullable: false),
                ReplyTargetAt = table.Column<DateTime>(nullable: false),
                Source = table.Column<int>(nullable: false),
                Status = table.Column<int>(nullable: false),
                Summary = table.Column<string>(maxLength: 200, nullable: false),
                Type = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Incidents", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_IncidentEvents_IncidentId_At",
            table: "IncidentEvents",
            columns: new[] { "IncidentId", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_CustomerId",
            table: "Incidents",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_Number",
            table: "Incidents",
            column: "Number",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_OrgPath_ReceivedAt",
            table: "Incidents",
            columns: new[] { "OrgPath", "ReceivedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Incidents_Status_ReceivedAt",
            table: "Incidents",
            columns: new[] { "Status", "ReceivedAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Incidents");
        migrationBuilder.DropTable(name: "IncidentEvents");
    }
}
