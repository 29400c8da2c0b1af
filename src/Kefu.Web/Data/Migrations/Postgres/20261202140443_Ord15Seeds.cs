using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ord15Seeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CityCustomerToldAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityDriver",
                table: "Orders",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityDriverPhone",
                table: "Orders",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CityEta",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CityNoticeChannel",
                table: "Orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityRecordedById",
                table: "Orders",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityVehicle",
                table: "Orders",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EmailConfirmationMethod",
                table: "Orders",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EmailConfirmedAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedById",
                table: "Orders",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedContent",
                table: "Orders",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedWith",
                table: "Orders",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LateDetectedAt",
                table: "Orders",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LateIncidentId",
                table: "Orders",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_LateDetectedAt_ExpectedArrival",
                table: "Orders",
                columns: new[] { "LateDetectedAt", "ExpectedArrival" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_LateDetectedAt_ExpectedArrival",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityCustomerToldAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityDriver",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityDriverPhone",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityEta",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityNoticeChannel",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityRecordedById",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CityVehicle",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "EmailConfirmationMethod",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "EmailConfirmedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "EmailConfirmedById",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "EmailConfirmedContent",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "EmailConfirmedWith",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LateDetectedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "LateIncidentId",
                table: "Orders");
        }
    }
}
