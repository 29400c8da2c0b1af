using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ArrearsClose : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CloseNote",
                table: "ArrearsAccounts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedById",
                table: "ArrearsAccounts",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ClosedOn",
                table: "ArrearsAccounts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "ArrearsAccounts",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CloseNote",
                table: "ArrearsAccounts");

            migrationBuilder.DropColumn(
                name: "ClosedById",
                table: "ArrearsAccounts");

            migrationBuilder.DropColumn(
                name: "ClosedOn",
                table: "ArrearsAccounts");

            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "ArrearsAccounts");
        }
    }
}
