using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124101857_VisitsSurveysInquiries")]
public sealed class VisitsSurveysInquiries : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "FollowUpCases",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ClosedAt = table.Column<DateTime?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int>(nullable: false),
                Description = table.Column<string>(maxLength: 2000, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Source = table.Column<string>(maxLength: 32, nullable: false),
                Status = table.Column<int>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_FollowUpCases", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Inquiries",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CentreId = table.Column<int>(nullable: false),
                Channels = table.Column<string>(maxLength: 200, nullable: false),
                City = table.Column<string>(maxLength: 50, nullable: true),
                Company = table.Column<string>(maxLength: 200, nullable: false),
                ContactName = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int?>(nullable: true),
                Dealers = table.Column<string>(maxLength: 500, nullable: true),
                District = table.Column<string>(maxLength: 50, nullable: true),
                Intent = table.Column<int>(nullable: false),
                Notes = table.Column<string>(maxLength: 2000, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                Outcome = table.Column<int>(nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Phone = table.Column<string>(maxLength: 40, nullable: true),
                ProductLines = table.Column<string>(maxLength: 300, nullable: false),
                Province = table.Column<string>(maxLength: 50, nullable: false),
                Stage = table.Column<int>(nullable: false),
                UpdatedAt = table.Column<DateTime>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Inquiries", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ServiceCallbacks",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CalledAt = table.Column<DateTime?>(nullable: true),
                CalledById = table.Column<string>(maxLength: 450, nullable: true),
                CentreId = table.Column<int>(nullable: false),
                Comment = table.Column<string>(maxLength: 2000, nullable: true),
                Complaint = table.Column<bool>(nullable: false),
                CompletedAt = table.Column<DateTime>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int?>(nullable: true),
                CustomerName = table.Column<string>(maxLength: 200, nullable: false),
                DueAt = table.Column<DateTime>(nullable: false),
                JobReference = table.Column<string>(maxLength: 64, nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Rating = table.Column<int?>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ServiceCallbacks", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SurveyInvitations",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AnsweredAt = table.Column<DateTime?>(nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CreatedById = table.Column<string>(maxLength: 450, nullable: false),
                CustomerId = table.Column<int?>(nullable: true),
                ExpiresAt = table.Column<DateTime>(nullable: false),
                Nonce = table.Column<string>(maxLength: 64, nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                RespondentEmail = table.Column<string>(maxLength: 256, nullable: true),
                RespondentName = table.Column<string>(maxLength: 100, nullable: false),
                SurveyId = table.Column<int>(nullable: false),
                TechnicianId = table.Column<string>(maxLength: 450, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SurveyInvitations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "SurveyResponses",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AnsweredAt = table.Column<DateTime>(nullable: false),
                AnswersJson = table.Column<string>(nullable: false),
                CustomerId = table.Column<int?>(nullable: true),
                InvitationId = table.Column<int>(nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                Rating = table.Column<int?>(nullable: true),
                SurveyId = table.Column<int>(nullable: false),
                TechnicianId = table.Column<string>(maxLength: 450, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SurveyResponses", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Surveys",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                CentreId = table.Column<int>(nullable: false),
                CreatedAt = table.Column<DateTime>(nullable: false),
                Kind = table.Column<int>(nullable: false),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Published = table.Column<bool>(nullable: false),
                QuestionsJson = table.Column<string>(nullable: false),
                Title = table.Column<string>(maxLength: 200, nullable: false),
                TitleEn = table.Column<string>(maxLength: 200, nullable: true),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Surveys", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "Visits",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Channel = table.Column<int?>(nullable: true),
                ContactName = table.Column<string>(maxLength: 100, nullable: true),
                CreatedAt = table.Column<DateTime>(nullable: false),
                CustomerId = table.Column<int>(nullable: false),
                DoneAt = table.Column<DateTime?>(nullable: true),
                DueOn = table.Column<DateOnly?>(nullable: true),
                Feedback = table.Column<string>(maxLength: 2000, nullable: true),
                FollowUpCaseId = table.Column<int?>(nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                OwnerId = table.Column<string>(maxLength: 450, nullable: false),
                Questions = table.Column<string>(maxLength: 2000, nullable: true),
                Rating = table.Column<int?>(nullable: true),
                Status = table.Column<int>(nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Visits", x => x.Id);
            });

        migrationBuilder.AddColumn<int?>(
            name: "MergedIntoId",
            table: "Customers",
            nullable: true);

        migrationBuilder.AddColumn<string>(
            name: "ProductLines",
            table: "Customers",
            maxLength: 300,
            nullable: true);

        migrationBuilder.CreateIndex(
            name: "IX_FollowUpCases_CustomerId",
            table: "FollowUpCases",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_FollowUpCases_OrgPath",
            table: "FollowUpCases",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_Inquiries_OrgPath_Stage",
            table: "Inquiries",
            columns: new[] { "OrgPath", "Stage" });

        migrationBuilder.CreateIndex(
            name: "IX_ServiceCallbacks_CalledAt",
            table: "ServiceCallbacks",
            column: "CalledAt");

        migrationBuilder.CreateIndex(
            name: "IX_ServiceCallbacks_CustomerId",
            table: "ServiceCallbacks",
            column: "CustomerId");

        migrationBuilder.CreateIndex(
            name: "IX_ServiceCallbacks_OrgPath",
            table: "ServiceCallbacks",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_ServiceCallbacks_Status_DueAt",
            table: "ServiceCallbacks",
            columns: new[] { "Status", "DueAt" });

        migrationBuilder.CreateIndex(
            name: "IX_SurveyInvitations_OrgPath",
            table: "SurveyInvitations",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_SurveyInvitations_SurveyId",
            table: "SurveyInvitations",
            column: "SurveyId");

        migrationBuilder.CreateIndex(
            name: "IX_SurveyResponses_AnsweredAt",
            table: "SurveyResponses",
            column: "AnsweredAt");

        migrationBuilder.CreateIndex(
            name: "IX_SurveyResponses_InvitationId",
            table: "SurveyResponses",
            column: "InvitationId",
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_SurveyResponses_SurveyId_AnsweredAt",
            table: "SurveyResponses",
            columns: new[] { "SurveyId", "AnsweredAt" });

        migrationBuilder.CreateIndex(
            name: "IX_Surveys_OrgPath",
            table: "Surveys",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_Visits_CustomerId_Status",
            table: "Visits",
            columns: new[] { "CustomerId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_Visits_OrgPath",
            table: "Visits",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_Visits_OwnerId_Status_DueOn",
            table: "Visits",
            columns: new[] { "OwnerId", "Status", "DueOn" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        // Dropping Customers.ProductLines needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        // Dropping Customers.MergedIntoId needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.
        migrationBuilder.DropTable(name: "Visits");
        migrationBuilder.DropTable(name: "Surveys");
        migrationBuilder.DropTable(name: "SurveyResponses");
        migrationBuilder.DropTable(name: "SurveyInvitations");
        migrationBuilder.DropTable(name: "ServiceCallbacks");
        migrationBuilder.DropTable(name: "Inquiries");
        migrationBuilder.DropTable(name: "FollowUpCases");
    }
}
