using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kefu.Web.Data.Migrations.Postgres
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
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "MailedAt",
                table: "ClaimBatches",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailedBy",
                table: "ClaimBatches",
                type: "character varying(450)",
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
