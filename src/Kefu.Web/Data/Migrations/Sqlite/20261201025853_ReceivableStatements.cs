using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReceivableStatements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OutboxAttachments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Content = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxAttachments_OutboxMessages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReceivableStatements",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<int>(type: "INTEGER", nullable: false),
                    CustomerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TotalFen = table.Column<long>(type: "INTEGER", nullable: false),
                    LineCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    BuiltById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LinkTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SentTo = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    PdfMissingReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ConfirmedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    InvoiceId = table.Column<int>(type: "INTEGER", nullable: true),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    DeliveredByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    OrgPath = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CentreId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReceivableStatements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReceivableStatements_Invoices_InvoiceId",
                        column: x => x.InvoiceId,
                        principalTable: "Invoices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementEvents_ReceivableStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "ReceivableStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StatementLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StatementId = table.Column<int>(type: "INTEGER", nullable: false),
                    ConfirmationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveConfirmationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SoldOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Items = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    AmountFen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatementLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatementLines_ReceivableStatements_StatementId",
                        column: x => x.StatementId,
                        principalTable: "ReceivableStatements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StatementLines_SalesConfirmations_ConfirmationId",
                        column: x => x.ConfirmationId,
                        principalTable: "SalesConfirmations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxAttachments_MessageId",
                table: "OutboxAttachments",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceivableStatements_CustomerId_Month",
                table: "ReceivableStatements",
                columns: new[] { "CustomerId", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_ReceivableStatements_InvoiceId",
                table: "ReceivableStatements",
                column: "InvoiceId");

            migrationBuilder.CreateIndex(
                name: "IX_ReceivableStatements_LinkTokenHash",
                table: "ReceivableStatements",
                column: "LinkTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReceivableStatements_OrgPath_Month",
                table: "ReceivableStatements",
                columns: new[] { "OrgPath", "Month" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementEvents_StatementId_At",
                table: "StatementEvents",
                columns: new[] { "StatementId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_ActiveConfirmationId",
                table: "StatementLines",
                column: "ActiveConfirmationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_ConfirmationId",
                table: "StatementLines",
                column: "ConfirmationId");

            migrationBuilder.CreateIndex(
                name: "IX_StatementLines_StatementId",
                table: "StatementLines",
                column: "StatementId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboxAttachments");

            migrationBuilder.DropTable(
                name: "StatementEvents");

            migrationBuilder.DropTable(
                name: "StatementLines");

            migrationBuilder.DropTable(
                name: "ReceivableStatements");
        }
    }
}
