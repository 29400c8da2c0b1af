using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ResidentAndTeam : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AttendanceEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    TechnicianId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AttendanceSheets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    SubmittedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttendanceSheets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResidentMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResidentPosts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiteAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentPosts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ResidentReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PostId = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    JobsFinished = table.Column<int>(type: "integer", nullable: false),
                    WorkSummary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Problems = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Suggestions = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StampedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StampedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    InvitationId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResidentReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamDailyReports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    ProgressPercent = table.Column<int>(type: "integer", nullable: false),
                    WorkDone = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Problems = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AuthorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    FiledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamDailyReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamDevices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Model = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SerialNumber = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamDevices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamMembers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMembers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: false),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SiteAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Requirement = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    PlannedStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedFinish = table.Column<DateOnly>(type: "date", nullable: false),
                    Technicians = table.Column<int>(type: "integer", nullable: false),
                    WorkingDays = table.Column<int>(type: "integer", nullable: false),
                    PersonDays = table.Column<int>(type: "integer", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WorkDone = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummarySentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    InvitationId = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamProjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TeamTasks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AssigneeId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    PersonDays = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamTasks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceEntries_PostId_TechnicianId_Date",
                table: "AttendanceEntries",
                columns: new[] { "PostId", "TechnicianId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AttendanceSheets_PostId_Month",
                table: "AttendanceSheets",
                columns: new[] { "PostId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResidentMembers_PostId_UserId",
                table: "ResidentMembers",
                columns: new[] { "PostId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ResidentMembers_UserId",
                table: "ResidentMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentPosts_OrgPath",
                table: "ResidentPosts",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentPosts_OwnerId",
                table: "ResidentPosts",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentReports_OrgPath",
                table: "ResidentReports",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_ResidentReports_PostId_OwnerId_Month",
                table: "ResidentReports",
                columns: new[] { "PostId", "OwnerId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamDailyReports_ProjectId_Date",
                table: "TeamDailyReports",
                columns: new[] { "ProjectId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamDevices_ProjectId",
                table: "TeamDevices",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_ProjectId_UserId",
                table: "TeamMembers",
                columns: new[] { "ProjectId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TeamMembers_UserId",
                table: "TeamMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamProjects_OrgPath_Status",
                table: "TeamProjects",
                columns: new[] { "OrgPath", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_TeamProjects_OwnerId",
                table: "TeamProjects",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_TeamTasks_ProjectId",
                table: "TeamTasks",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AttendanceEntries");

            migrationBuilder.DropTable(
                name: "AttendanceSheets");

            migrationBuilder.DropTable(
                name: "ResidentMembers");

            migrationBuilder.DropTable(
                name: "ResidentPosts");

            migrationBuilder.DropTable(
                name: "ResidentReports");

            migrationBuilder.DropTable(
                name: "TeamDailyReports");

            migrationBuilder.DropTable(
                name: "TeamDevices");

            migrationBuilder.DropTable(
                name: "TeamMembers");

            migrationBuilder.DropTable(
                name: "TeamProjects");

            migrationBuilder.DropTable(
                name: "TeamTasks");
        }
    }
}
