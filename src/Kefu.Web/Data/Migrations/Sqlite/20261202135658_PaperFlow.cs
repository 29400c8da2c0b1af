using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PaperFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Late",
                table: "ClaimBatches",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "MailedAt",
                table: "ClaimBatches",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailedBy",
                table: "ClaimBatches",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Late",
                table: "ClaimBatches");

            migrationBuilder.DropColumn(
                name: "MailedAt",
                table: "ClaimBatches");

            migrationBuilder.DropColumn(
                name: "MailedBy",
                table: "ClaimBatches");
        }
    }
}
