using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261130094905_SignInFailures")]
public sealed class SignInFailures : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "SignInFailures",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                AccountKey = table.Column<string>(maxLength: 64, nullable: false),
                Address = table.Column<string>(maxLength: 64, nullable: false),
                At = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_SignInFailures", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_SignInFailures_AccountKey_At",
            table: "SignInFailures",
            columns: new[] { "AccountKey", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_SignInFailures_Address_At",
            table: "SignInFailures",
            columns: new[] { "Address", "At" });

        migrationBuilder.CreateIndex(
            name: "IX_SignInFailures_At",
            table: "SignInFailures",
            column: "At");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "SignInFailures");
    }
}
