using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Inc15Seeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "CallbackAt",
                table: "Incidents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallbackByUserId",
                table: "Incidents",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallbackNote",
                table: "Incidents",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CallbackSatisfied",
                table: "Incidents",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Falsified",
                table: "Incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReportedLate",
                table: "Incidents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SubjectName",
                table: "Incidents",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectUserId",
                table: "Incidents",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_SubjectUserId_ReceivedAt",
                table: "Incidents",
                columns: new[] { "SubjectUserId", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Incidents_SubjectUserId_ReceivedAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "CallbackAt",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "CallbackByUserId",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "CallbackNote",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "CallbackSatisfied",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "Falsified",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "ReportedLate",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SubjectName",
                table: "Incidents");

            migrationBuilder.DropColumn(
                name: "SubjectUserId",
                table: "Incidents");
        }
    }
}
