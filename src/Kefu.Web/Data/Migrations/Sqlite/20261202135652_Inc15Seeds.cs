using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallbackByUserId",
                table: "Incidents",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CallbackNote",
                table: "Incidents",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CallbackSatisfied",
                table: "Incidents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Falsified",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "ReportedLate",
                table: "Incidents",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "SubjectName",
                table: "Incidents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectUserId",
                table: "Incidents",
                type: "TEXT",
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
