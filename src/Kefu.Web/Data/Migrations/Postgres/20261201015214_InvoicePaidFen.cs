using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InvoicePaidFen : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "PaidFen",
                table: "Invoices",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // The running total starts as the sum of the allocations already recorded.
            migrationBuilder.Sql("""
                UPDATE "Invoices" SET "PaidFen" = COALESCE((SELECT SUM(a."AmountFen") FROM "PaymentAllocations" a WHERE a."InvoiceId" = "Invoices"."Id"), 0);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentAllocations_EffectiveOn",
                table: "PaymentAllocations",
                column: "EffectiveOn");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_PaymentAllocations_EffectiveOn",
                table: "PaymentAllocations");

            migrationBuilder.DropColumn(
                name: "PaidFen",
                table: "Invoices");
        }
    }
}
