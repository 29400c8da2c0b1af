using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kefu.Web.Data;

/// <summary>
/// Writes a provider-neutral migration for what the EF model has and the migrations do not yet
/// create: new tables, columns and indexes. <c>dotnet ef</c> cannot be installed here, and its
/// output is provider-specific anyway. Run <c>dotnet run --project src/Kefu.Web -- scaffold-migration Name</c>,
/// read the file it writes, then let the schema test (both providers) confirm it.
/// </summary>
public static class MigrationScaffolder
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] == "scaffold-migration";

    public static int Run(string[] args, TextWriter output)
    {
        if (args.Length < 2)
        {
            output.WriteLine("Usage: Kefu.Web scaffold-migration <Name> [directory]");
            return 2;
        }

        var name = args[1];
        var directory = args.Length > 2 ? args[2] : Path.Combine("src", "Kefu.Web", "Data", "Migrations");
        var file = Path.Combine(Path.GetTempPath(), $"kefu-scaffold-{Guid.NewGuid():N}.db");
        try
        {
            var options = new DbContextOptionsBuilder<KefuDbContext>().UseSqlite($"Data Source={file}").Options;
            using var db = new KefuDbContext(options);
            db.Database.Migrate();
            var existing = ReadSqlite(db);
            var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
            var id = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + name;
            var code = Generate(model, existing, name, id);
            if (code is null)
            {
                output.WriteLine("The migrations already create everything in the model.");
                return 0;
            }

            Directory.CreateDirectory(directory);
            var path = Path.Combine(directory, id + ".cs");
            File.WriteAllText(path, code);
            output.WriteLine($"Wrote {path}");
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private sealed record Existing(Dictionary<string, HashSet<string>> Columns, HashSet<string> Indexes);

    private static Existing ReadSqlite(KefuDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        connection.Open();
        var tables = new List<string>();
        var indexes = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT type, name FROM sqlite_master WHERE type IN ('table','index')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                (reader.GetString(0) == "table" ? (ICollection<string>)tables : indexes).Add(reader.GetString(1));
            }
        }

        var columns = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA table_info(\"{table}\")";
            using var reader = command.ExecuteReader();
            var set = columns[table] = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read())
            {
                set.Add(reader.GetString(1));
            }
        }

        connection.Close();
        return new Existing(columns, indexes);
    }

    private static string? Generate(IRelationalModel model, Existing existing, string name, string id)
    {
        var up = new StringBuilder();
        var down = new StringBuilder();
        var newTables = model.Tables.Where(t => !existing.Columns.ContainsKey(t.Name)).ToList();
        foreach (var table in Order(newTables))
        {
            WriteCreateTable(up, table);
            down.Insert(0, $"        migrationBuilder.DropTable(name: \"{table.Name}\");\n");
        }

        foreach (var table in model.Tables.Where(t => existing.Columns.ContainsKey(t.Name)))
        {
            foreach (var column in table.Columns.Where(c => !existing.Columns[table.Name].Contains(c.Name)))
            {
                var clr = ClrTypeName(column);
                up.Append(CultureInfo.InvariantCulture, $"        migrationBuilder.AddColumn<{clr}>(\n            name: \"{column.Name}\",\n            table: \"{table.Name}\",\n");
                up.Append(ColumnArguments(column, indent: "            ", forAdd: true).TrimEnd()).Append(");\n\n");
                down.Insert(0, $"        // Dropping {table.Name}.{column.Name} needs ALTER TABLE … DROP COLUMN on SQLite; migrations stay additive.\n");
            }
        }

        foreach (var table in model.Tables)
        {
            foreach (var index in table.Indexes.Where(i => !existing.Indexes.Contains(i.Name)))
            {
                var columns = index.Columns.Count == 1
                    ? $"column: \"{index.Columns[0].Name}\""
                    : $"columns: new[] {{ {string.Join(", ", index.Columns.Select(c => $"\"{c.Name}\""))} }}";
                up.Append(CultureInfo.InvariantCulture, $"        migrationBuilder.CreateIndex(\n            name: \"{index.Name}\",\n            table: \"{table.Name}\",\n            {columns}");
                if (index.IsUnique)
                {
                    up.Append(",\n            unique: true");
                }

                if (index.Filter is { } filter)
                {
                    up.Append(CultureInfo.InvariantCulture, $",\n            filter: \"{filter.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
                }

                up.Append(");\n\n");
                if (existing.Columns.ContainsKey(table.Name))
                {
                    down.Insert(0, $"        migrationBuilder.DropIndex(name: \"{index.Name}\", table: \"{table.Name}\");\n");
                }
            }
        }

        if (up.Length == 0)
        {
            return null;
        }

        return $$"""
            using Kefu.Web.Data;
            using Microsoft.EntityFrameworkCore.Infrastructure;
            using Microsoft.EntityFrameworkCore.Migrations;
            using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

            #nullable disable

            namespace Kefu.Web.Data.Migrations;

            /// <summary>Scaffolded by MigrationScaffolder; provider-neutral (no store types).</summary>
            [DbContext(typeof(KefuDbContext))]
            [Migration("{{id}}")]
            public sealed class {{name}} : Migration
            {
                protected override void Up(MigrationBuilder migrationBuilder)
                {
            {{up.ToString().TrimEnd()}}
                }

                protected override void Down(MigrationBuilder migrationBuilder)
                {
            {{down.ToString().TrimEnd()}}
                }
            }

            """;
    }

    /// <summary>Tables before the tables whose foreign keys point at them.</summary>
    private static IEnumerable<ITable> Order(List<ITable> tables)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var names = tables.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var left = tables.OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
        while (left.Count > 0)
        {
            var next = left.FirstOrDefault(t => t.ForeignKeyConstraints.All(fk =>
                fk.PrincipalTable.Name == t.Name || !names.Contains(fk.PrincipalTable.Name) || done.Contains(fk.PrincipalTable.Name))) ?? left[0];
            left.Remove(next);
            done.Add(next.Name);
            yield return next;
        }
    }

    private static void WriteCreateTable(StringBuilder up, ITable table)
    {
        up.Append(CultureInfo.InvariantCulture, $"        migrationBuilder.CreateTable(\n            name: \"{table.Name}\",\n            columns: table => new\n            {{\n");
        foreach (var column in table.Columns)
        {
            up.Append(CultureInfo.InvariantCulture, $"                {column.Name} = table.Column<{ClrTypeName(column)}>(");
            up.Append(ColumnArguments(column, indent: "", forAdd: false).Replace("\n", " ", StringComparison.Ordinal).Trim().TrimEnd(','));
            up.Append(')');
            if (IsIdentity(column))
            {
                up.Append("\n                    .Annotation(\"Sqlite:Autoincrement\", true)\n                    .Annotation(\"Npgsql:ValueGenerationStrategy\", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)");
            }

            up.Append(",\n");
        }

        up.Append("            },\n            constraints: table =>\n            {\n");
        var pk = table.PrimaryKey!;
        up.Append(CultureInfo.InvariantCulture, $"                table.PrimaryKey(\"{pk.Name}\", {Lambda(pk.Columns)});\n");
        foreach (var fk in table.ForeignKeyConstraints.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var principalColumns = fk.PrincipalColumns.Count == 1
                ? $"principalColumn: \"{fk.PrincipalColumns[0].Name}\""
                : $"principalColumns: new[] {{ {string.Join(", ", fk.PrincipalColumns.Select(c => $"\"{c.Name}\""))} }}";
            up.Append(CultureInfo.InvariantCulture, $"                table.ForeignKey(\n                    name: \"{fk.Name}\",\n                    column: {Lambda(fk.Columns)},\n                    principalTable: \"{fk.PrincipalTable.Name}\",\n                    {principalColumns},\n                    onDelete: ReferentialAction.{fk.OnDeleteAction});\n");
        }

        foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
        {
            up.Append(CultureInfo.InvariantCulture, $"                table.UniqueConstraint(\"{unique.Name}\", {Lambda(unique.Columns)});\n");
        }

        up.Append("            });\n\n");
    }

    private static string Lambda(IReadOnlyList<IColumn> columns) =>
        columns.Count == 1 ? $"x => x.{columns[0].Name}" : $"x => new {{ {string.Join(", ", columns.Select(c => "x." + c.Name))} }}";

    private static bool IsIdentity(IColumn column)
    {
        var property = column.PropertyMappings[0].Property;
        var clr = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
        return property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && (clr == typeof(int) || clr == typeof(long));
    }

    private static Type ProviderClr(IColumn column)
    {
        var property = column.PropertyMappings[0].Property;
        var clr = property.GetTypeMapping().Converter?.ProviderClrType ?? property.ClrType;
        return Nullable.GetUnderlyingType(clr) ?? clr;
    }

    private static string ClrTypeName(IColumn column)
    {
        var clr = ProviderClr(column);
        var name = clr == typeof(string) ? "string"
            : clr == typeof(int) ? "int"
            : clr == typeof(long) ? "long"
            : clr == typeof(bool) ? "bool"
            : clr == typeof(decimal) ? "decimal"
            : clr == typeof(double) ? "double"
            : clr == typeof(byte[]) ? "byte[]"
            : clr.Name;
        return clr.IsValueType && column.IsNullable ? name + "?" : name;
    }

    private static string ColumnArguments(IColumn column, string indent, bool forAdd)
    {
        var args = new List<string>();
        if (column.PropertyMappings[0].Property.GetMaxLength() is { } max)
        {
            args.Add($"maxLength: {max}");
        }

        args.Add($"nullable: {(column.IsNullable ? "true" : "false")}");
        if (forAdd && !column.IsNullable)
        {
            var clr = ProviderClr(column);
            args.Add(clr == typeof(string) ? "defaultValue: \"\"" : $"defaultValue: default({ClrTypeName(column)})");
        }

        return string.Join(",\n", args.Select(a => indent + a)) + "\n";
    }
}
