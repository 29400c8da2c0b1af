using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgingOpenItemsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OpenItems",
                table: "Invoices",
                columns: new[] { "InvoiceDate", "DueDate", "ExtendedTo", "CentreId", "AmountFen", "PaidFen", "CustomerName", "TechnicianId", "OrgPath" },
                filter: "\"ReversedAt\" IS NULL AND \"PaidFen\" < \"AmountFen\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_OpenItems",
                table: "Invoices");
        }
    }
}
