using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124091241_ExpensesAndApprovals")]
public sealed class ExpensesAndApprovals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "ApprovalDelegations",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                DelegatorId = table.Column<string>(maxLength: 450, nullable: false),
                DeputyId = table.Column<string>(maxLength: 450, nullable: false),
                From = table.Column<DateOnly>(nullable: false),
                To = table.Column<DateOnly>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApprovalDelegations", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ApprovalInstances",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ChainKey = table.Column<string>(maxLength: 64, nullable: false),
                CompletedAt = table.Column<DateTime?>(nullable: true),
                CurrentApproverId = table.Column<string>(maxLength: 450, nullable: true),
                CurrentIndex = table.Column<int>(nullable: false),
                Link = table.Column<string>(maxLength: 300, nullable: true),
                OrgPath = table.Column<string>(maxLength: 200, nullable: false),
                Status = table.Column<int>(nullable: false),
                StepKeys = table.Column<string>(maxLength: 500, nullable: false),
                StepStartedAt = table.Column<DateTime?>(nullable: true),
                SubjectId = table.Column<string>(maxLength: 64, nullable: false),
                SubjectType = table.Column<string>(maxLength: 64, nullable: false),
                SubmittedAt = table.Column<DateTime>(nullable: false),
                SubmitterId = table.Column<string>(maxLength: 450, nullable: false),
                Title = table.Column<string>(maxLength: 300, nullable: false),
                Version = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApprovalInstances", x => x.Id);
            });

        migrationBuilder.CreateTable(
            name: "ApprovalHistory",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                Action = table.Column<int>(nullable: false),
                ActorId = table.Column<string>(maxLength: 450, nullable: false),
                At = table.Column<DateTime>(nullable: false),
                Comment = table.Column<string>(maxLength: 1000, nullable: true),
                InstanceId = table.Column<long>(nullable: false),
                OnBehalfOf = table.Column<string>(maxLength: 450, nullable: true),
                StepKey = table.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ApprovalHistory", x => x.Id);
                table.ForeignKey(
                    name: "FK_ApprovalHistory_ApprovalInstances_InstanceId",
                    column: x => x.InstanceId,
                    principalTable: "ApprovalInstances",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "ExpenseClaims",
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
                Number = table.Column<int>(nullable: false),
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

        migrationBuilder.CreateTable(
            name: "ExpenseLines",
            columns: table => new
            {
                Id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AmountFen = table.Column<long>(nullable: false),
                ApprovedFen = table.Column<long?>(nullable: true),
                Category = table.Column<int>(nullable: false),
                ClaimId = table.Column<int>(nullable: false),
                Date = table.Column<DateOnly>(nullable: false),
                Description = table.Column<string>(maxLength: 500, nullable: true),
                ExcessFen = table.Column<long>(nullable: false),
                NonCustomerService = table.Column<bool>(nullable: false),
                Position = table.Column<int>(nullable: false),
                ReceiptCount = table.Column<int>(nullable: false),
                Rejected = table.Column<bool>(nullable: false),
                ReviewReason = table.Column<string>(maxLength: 500, nullable: true),
                WorkOrders = table.Column<string>(maxLength: 200, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ExpenseLines", x => x.Id);
                table.ForeignKey(
                    name: "FK_ExpenseLines_ExpenseClaims_ClaimId",
                    column: x => x.ClaimId,
                    principalTable: "ExpenseClaims",
                    principalColumn: "Id",
                    onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalDelegations_DelegatorId",
            table: "ApprovalDelegations",
            column: "DelegatorId");

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalDelegations_DeputyId",
            table: "ApprovalDelegations",
            column: "DeputyId");

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalHistory_InstanceId",
            table: "ApprovalHistory",
            column: "InstanceId");

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalInstances_CurrentApproverId_Status",
            table: "ApprovalInstances",
            columns: new[] { "CurrentApproverId", "Status" });

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalInstances_OrgPath",
            table: "ApprovalInstances",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_ApprovalInstances_SubjectType_SubjectId",
            table: "ApprovalInstances",
            columns: new[] { "SubjectType", "SubjectId" });

        migrationBuilder.CreateIndex(
            name: "IX_ExpenseClaims_ClaimantId_Number",
            table: "ExpenseClaims",
            columns: new[] { "ClaimantId", "Number" },
            unique: true);

        migrationBuilder.CreateIndex(
            name: "IX_ExpenseClaims_OrgPath",
            table: "ExpenseClaims",
            column: "OrgPath");

        migrationBuilder.CreateIndex(
            name: "IX_ExpenseClaims_Status",
            table: "ExpenseClaims",
            column: "Status");

        migrationBuilder.CreateIndex(
            name: "IX_ExpenseLines_ClaimId",
            table: "ExpenseLines",
            column: "ClaimId");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "ExpenseLines");
        migrationBuilder.DropTable(name: "ExpenseClaims");
        migrationBuilder.DropTable(name: "ApprovalHistory");
        migrationBuilder.DropTable(name: "ApprovalInstances");
        migrationBuilder.DropTable(name: "ApprovalDelegations");
    }
}
