using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityDriver",
                table: "Orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityDriverPhone",
                table: "Orders",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CityEta",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CityNoticeChannel",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityRecordedById",
                table: "Orders",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CityVehicle",
                table: "Orders",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EmailConfirmationMethod",
                table: "Orders",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "EmailConfirmedAt",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedById",
                table: "Orders",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedContent",
                table: "Orders",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailConfirmedWith",
                table: "Orders",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LateDetectedAt",
                table: "Orders",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LateIncidentId",
                table: "Orders",
                type: "INTEGER",
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
