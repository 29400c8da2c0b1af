using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124083642_SlaAndNotifications")]
public sealed class SlaAndNotifications : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "InboxItems",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Body = table.Column<string>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EventKey = table.Column<string>(maxLength: 64, nullable: false),
                Link = table.Column<string>(maxLength: 300, nullable: true),
                ReadAt = table.Column<DateTime?>(nullable: true),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                UserId = table.Column<string>(maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_InboxItems", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "OutboxMessages",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Attempts = table.Column<int>(nullable: false),
                Body = table.Column<string>(nullable: false),
                Channel = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                EventKey = table.Column<string>(maxLength: 64, nullable: false),
                LastError = table.Column<string>(maxLength: 1000, nullable: true),
                LockedUntil = table.Column<DateTime?>(nullable: true),
                NextAttemptAt = table.Column<DateTime>(nullable: false),
                Recipient = table.Column<string>(maxLength: 256, nullable: false),
                RelatedId = table.Column<string>(maxLength: 64, nullable: true),
                RelatedType = table.Column<string>(maxLength: 64, nullable: true),
                SentAt = table.Column<DateTime?>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Subject = table.Column<string>(maxLength: 300, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_OutboxMessages", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "DeliveryAttempts",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                At = table.Column<DateTime>(nullable: false),
                Error = table.Column<string>(maxLength: 1000, nullable: true),
                MessageId = table.Column<long>(nullable: false),
                Succeeded = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_DeliveryAttempts", x => x.Id);
                table.ForeignKey(
                    name: "FK_DeliveryAttempts_OutboxMessages_MessageId",
                    column: x => x.MessageId,
                    principalTable: "OutboxMessages",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "SlaBreaches",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                BreachedAt = table.Column<DateTime>(nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                Late = table.Column<bool>(nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: true),
                RecordId = table.Column<string>(maxLength: 64, nullable: false),
                RecordType = table.Column<string>(maxLength: 64, nullable: false),
                Rule = table.Column<string>(maxLength: 16, nullable: false),
                TimerId = table.Column<long>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SlaBreaches", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SlaTimers",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Amount = table.Column<int>(nullable: false),
                BreachedAt = table.Column<DateTime?>(nullable: true),
                CalendarId = table.Column<string>(maxLength: 32, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                Escalation = table.Column<string>(maxLength: 1000, nullable: true),
                FiredLate = table.Column<bool>(nullable: false),
                Link = table.Column<string>(maxLength: 300, nullable: true),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: true),
                PausedAt = table.Column<DateTime?>(nullable: true),
                PausedTicks = table.Column<long>(nullable: false),
                RecordId = table.Column<string>(maxLength: 64, nullable: false),
                RecordType = table.Column<string>(maxLength: 64, nullable: false),
                Rule = table.Column<string>(maxLength: 16, nullable: false),
                StartedAt = table.Column<DateTime>(nullable: false),
                Status = table.Column<int>(nullable: false),
                StoppedAt = table.Column<DateTime?>(nullable: true),
                Unit = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
                WarnAt = table.Column<DateTime>(nullable: false),
                WarnedAt = table.Column<DateTime?>(nullable: true),
                WarningPercent = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SlaTimers", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_DeliveryAttempts_MessageId",
            table: "DeliveryAttempts",
            column: "MessageId");

        migrationBuilder.CreateIndex(
            name: "IX_InboxItems_UserId_ReadAt",
            table: "InboxItems",
            columns: new[] { "UserId", "ReadAt" });

        migrationBuilder.CreateIndex(
            name: "IX_OutboxMessages_Status_NextAttemptAt",
            table: "OutboxMessages",
            columns: new[] { "Status", "NextAttemptAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SlaBreaches_OwnerId_BreachedAt",
            table: "SlaBreaches",
            columns: new[] { "OwnerId", "BreachedAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SlaBreaches_TimerId",
            table: "SlaBreaches",
            column: "TimerId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SlaTimers_OrgPath",
            table: "SlaTimers",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_SlaTimers_OwnerId",
            table: "SlaTimers",
            column: "OwnerId");

        migrationBuilder.CreateIndex(
            name: "IX_SlaTimers_RecordType_RecordId",
            table: "SlaTimers",
            columns: new[] { "RecordType", "RecordId" });

        migrationBuilder.CreateIndex(
            name: "IX_SlaTimers_Status_DueAt",
            table: "SlaTimers",
            columns: new[] { "Status", "DueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SlaTimers_Status_WarnAt",
            table: "SlaTimers",
            columns: new[] { "Status", "WarnAt" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SlaTimers");
        migrationBuilder.DropTable(name: "SlaBreaches");
        migrationBuilder.DropTable(name: "DeliveryAttempts");
        migrationBuilder.DropTable(name: "OutboxMessages");
        migrationBuilder.DropTable(name: "InboxItems");
    }
}
