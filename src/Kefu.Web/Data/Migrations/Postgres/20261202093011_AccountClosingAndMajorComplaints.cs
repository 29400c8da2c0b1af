using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AccountClosingAndMajorComplaints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Major",
                table: "Incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "MajorAt",
                table: "Incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MajorByUserId",
                table: "Incidents",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccountStatus",
                table: "Customers",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "CloseReason",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedByUserId",
                table: "Customers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenReason",
                table: "Customers",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReopenedAt",
                table: "Customers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReopenedByUserId",
                table: "Customers",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_Major_ReceivedAt",
                table: "Incidents",
                columns: new[] { "Major", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_AccountStatus",
                table: "Customers",
                column: "AccountStatus");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_Major_ReceivedAt",
                table: "Incidents");

            migrationBuilder.DropIndex(
                name: "IX_Customers_AccountStatus",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Major",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "MajorAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "MajorByUserId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "AccountStatus",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "CloseReason",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ClosedByUserId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ReopenReason",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ReopenedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ReopenedByUserId",
                table: "Customers");
        }
    }
}
