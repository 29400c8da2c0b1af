using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReceivableRoundsAndCollection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CollectionProjects",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CustomerId = table.Column<int>(type: "integer", nullable: true),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    DailyTargetFen = table.Column<long>(type: "bigint", nullable: false),
                    WeeklyTargetFen = table.Column<long>(type: "bigint", nullable: false),
                    MonthlyTargetFen = table.Column<long>(type: "bigint", nullable: false),
                    TotalTargetFen = table.Column<long>(type: "bigint", nullable: false),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectionProjects", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OverdueReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    InvoiceId = table.Column<int>(type: "integer", nullable: false),
                    InvoiceNumber = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    SalespersonId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    SentById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OverdueReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OverdueReferrals_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationWeeks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    RoundDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationWeeks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ArrearsAccounts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    Debtor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OwedFen = table.Column<long>(type: "bigint", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrearsAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrearsAccounts_CollectionProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "CollectionProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CollectionEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ProjectId = table.Column<int>(type: "integer", nullable: false),
                    CollectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    CollectedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ReversesId = table.Column<long>(type: "bigint", nullable: true),
                    RecordedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CollectionEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CollectionEntries_CollectionProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "CollectionProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationEntries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    WeekId = table.Column<int>(type: "integer", nullable: false),
                    CentreId = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    WeekStart = table.Column<DateOnly>(type: "date", nullable: false),
                    RoundDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReviewDate = table.Column<DateOnly>(type: "date", nullable: false),
                    TechnicianId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    OpenFen = table.Column<long>(type: "bigint", nullable: false),
                    ItemCount = table.Column<int>(type: "integer", nullable: false),
                    TechnicianConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CoordinatorId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    CoordinatorConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationEntries_ReconciliationWeeks_WeekId",
                        column: x => x.WeekId,
                        principalTable: "ReconciliationWeeks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ArrearsSteps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountId = table.Column<int>(type: "integer", nullable: false),
                    Step = table.Column<int>(type: "integer", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TakenOn = table.Column<DateOnly>(type: "date", nullable: true),
                    TakenById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArrearsSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ArrearsSteps_ArrearsAccounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "ArrearsAccounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EntryId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    RecordId = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CustomerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AmountFen = table.Column<long>(type: "bigint", nullable: false),
                    OpenFen = table.Column<long>(type: "bigint", nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: true),
                    DifferenceFen = table.Column<long>(type: "bigint", nullable: true),
                    DifferenceNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    NotedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    NotedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationItems_ReconciliationEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "ReconciliationEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsAccounts_ProjectId",
                table: "ArrearsAccounts",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_ArrearsSteps_AccountId_Step",
                table: "ArrearsSteps",
                columns: new[] { "AccountId", "Step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollectionEntries_ProjectId_CollectedOn",
                table: "CollectionEntries",
                columns: new[] { "ProjectId", "CollectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CollectionEntries_ReversesId",
                table: "CollectionEntries",
                column: "ReversesId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CollectionProjects_OrgPath",
                table: "CollectionProjects",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_CollectionProjects_OwnerId",
                table: "CollectionProjects",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_OverdueReferrals_InvoiceId_ReviewDate",
                table: "OverdueReferrals",
                columns: new[] { "InvoiceId", "ReviewDate" });

            migrationBuilder.CreateIndex(
                name: "IX_OverdueReferrals_OrgPath",
                table: "OverdueReferrals",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationEntries_OrgPath_WeekStart",
                table: "ReconciliationEntries",
                columns: new[] { "OrgPath", "WeekStart" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationEntries_TechnicianId",
                table: "ReconciliationEntries",
                column: "TechnicianId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationEntries_WeekId_TechnicianId",
                table: "ReconciliationEntries",
                columns: new[] { "WeekId", "TechnicianId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationItems_EntryId",
                table: "ReconciliationItems",
                column: "EntryId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationWeeks_CentreId_WeekStart",
                table: "ReconciliationWeeks",
                columns: new[] { "CentreId", "WeekStart" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArrearsSteps");

            migrationBuilder.DropTable(
                name: "CollectionEntries");

            migrationBuilder.DropTable(
                name: "OverdueReferrals");

            migrationBuilder.DropTable(
                name: "ReconciliationItems");

            migrationBuilder.DropTable(
                name: "ArrearsAccounts");

            migrationBuilder.DropTable(
                name: "ReconciliationEntries");

            migrationBuilder.DropTable(
                name: "CollectionProjects");

            migrationBuilder.DropTable(
                name: "ReconciliationWeeks");
        }
    }
}
