using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kefu.Web.Data.Migrations;

/// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
[DbContext(typeof(KefuDbContext))]
[Migration("20261124093604_Attachments")]
public sealed class Attachments : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.CreateTable(
            name: "Attachments",
            columns: table => new
            {
                Id = table.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                ContentType = table.Column<string>(maxLength: 100, nullable: false),
                FileName = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<string>(maxLength: 32, nullable: false),
                RecordId = table.Column<string>(maxLength: 64, nullable: false),
                RecordType = table.Column<string>(maxLength: 64, nullable: false),
                Sha256 = table.Column<string>(maxLength: 64, nullable: false),
                Size = table.Column<long>(nullable: false),
                StoragePath = table.Column<string>(maxLength: 300, nullable: false),
                UploadedAt = table.Column<DateTime>(nullable: false),
                UploadedBy = table.Column<string>(maxLength: 450, nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_Attachments", x => x.Id);
            });

        migrationBuilder.CreateIndex(
            name: "IX_Attachments_RecordType_RecordId",
            table: "Attachments",
            columns: new[] { "RecordType", "RecordId" });
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "Attachments");
    }
}
