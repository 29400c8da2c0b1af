using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// A normalised, provider-independent description of a schema, one line per fact (table, column
/// with store type and nullability, identity, primary key, unique constraint, index, foreign key),
/// so the EF model and a live database can be compared line by line and differences read plainly.
/// </summary>
public sealed partial class DatabaseSchema
{
    private readonly SortedSet<string> _lines = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Lines => _lines;

    /// <summary>Tables that the EF model does not own: migrations bookkeeping, SQLite internals, Quartz's own store.</summary>
    public static bool IsForeignTable(string name) =>
        name is "__EFMigrationsHistory" or "__EFMigrationsLock" ||
        name.StartsWith("sqlite_", StringComparison.Ordinal) ||
        name.StartsWith("qrtz_", StringComparison.OrdinalIgnoreCase);

    private void Table(string table) => _lines.Add($"table {table}");

    private void Column(string table, string column, string storeType, bool nullable) =>
        _lines.Add($"column {table}.{column} {storeType} {(nullable ? "null" : "not null")}");

    private void Identity(string table, string column) => _lines.Add($"identity {table}.{column}");

    private void PrimaryKey(string table, IEnumerable<string> columns) => _lines.Add($"primary key {table} ({string.Join(", ", columns)})");

    private void Unique(string table, IEnumerable<string> columns) => _lines.Add($"unique constraint {table} ({string.Join(", ", columns)})");

    private void Index(string table, string name, IEnumerable<string> columns, bool unique, bool partial) =>
        _lines.Add($"index {table}.{name} ({string.Join(", ", columns)}){(unique ? " unique" : "")}{(partial ? " partial" : "")}");

    private void ForeignKey(string table, IEnumerable<string> columns, string principal, IEnumerable<string> principalColumns, string onDelete) =>
        _lines.Add($"foreign key {table} ({string.Join(", ", columns)}) -> {principal} ({string.Join(", ", principalColumns)}) on delete {onDelete}");

    /// <summary>What the EF model (of the provider in use) says the schema must be.</summary>
    public static DatabaseSchema FromModel(KefuDbContext db)
    {
        var sqlite = db.Database.IsSqlite();
        var schema = new DatabaseSchema();
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        foreach (var table in model.Tables.Where(t => !IsForeignTable(t.Name)))
        {
            schema.Table(table.Name);
            foreach (var column in table.Columns)
            {
                schema.Column(table.Name, column.Name, NormaliseType(column.StoreType, sqlite), column.IsNullable);
            }

            if (table.PrimaryKey is { } pk)
            {
                schema.PrimaryKey(table.Name, pk.Columns.Select(c => c.Name));
                // Integer keys the database generates: AUTOINCREMENT on SQLite, an identity column on PostgreSQL.
                if (pk.Columns is [var key] && key.PropertyMappings.Any(m =>
                        m.Property.ValueGenerated == ValueGenerated.OnAdd &&
                        (Nullable.GetUnderlyingType(m.Property.ClrType) ?? m.Property.ClrType) is var clr &&
                        (clr == typeof(int) || clr == typeof(long) || clr == typeof(short))))
                {
                    schema.Identity(table.Name, key.Name);
                }
            }

            foreach (var unique in table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey()))
            {
                schema.Unique(table.Name, unique.Columns.Select(c => c.Name));
            }

            foreach (var index in table.Indexes)
            {
                schema.Index(table.Name, index.Name, index.Columns.Select(c => c.Name), index.IsUnique, index.Filter is not null);
            }

            foreach (var fk in table.ForeignKeyConstraints)
            {
                schema.ForeignKey(table.Name, fk.Columns.Select(c => c.Name), fk.PrincipalTable.Name, fk.PrincipalColumns.Select(c => c.Name), fk.OnDeleteAction.ToString());
            }
        }

        return schema;
    }

    /// <summary>What the migrated database actually has.</summary>
    public static async Task<DatabaseSchema> FromDatabaseAsync(KefuDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Lines only in this schema and lines only in <paramref name="actual"/>; empty when equal.</summary>
    public string Difference(DatabaseSchema actual, string expectedName = "model", string actualName = "database")
    {
        var missing = _lines.Except(actual._lines).ToArray();
        var extra = actual._lines.Except(_lines).ToArray();
        if (missing.Length == 0 && extra.Length == 0)
        {
            return "";
        }

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Schema differs: {missing.Length} line(s) only in the {expectedName}, {extra.Length} only in the {actualName}.");
        foreach (var line in missing)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  only in {expectedName}:  {line}");
        }

        foreach (var line in extra)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  only in {actualName}: {line}");
        }

        return text.ToString();
    }

    public override string ToString() => string.Join(Environment.NewLine, _lines);

    /// <summary>
    /// One spelling per type: SQLite affinities in upper case; PostgreSQL's canonical names
    /// (what <c>format_type</c> prints) for the aliases a model may use.
    /// </summary>
    internal static string NormaliseType(string storeType, bool sqlite)
    {
        var type = Whitespace().Replace(storeType.Trim(), " ");
        if (sqlite)
        {
            return type.ToUpperInvariant();
        }

        type = type.ToLowerInvariant();
        var match = TypeWithArguments().Match(type);
        var (name, arguments) = match.Success ? (match.Groups[1].Value.Trim(), match.Groups[2].Value.Replace(" ", "", StringComparison.Ordinal)) : (type, null);
        name = name switch
        {
            "varchar" => "character varying",
            "char" or "bpchar" => "character",
            "int" or "int4" => "integer",
            "int8" => "bigint",
            "int2" => "smallint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            "decimal" => "numeric",
            "timestamptz" => "timestamp with time zone",
            "timestamp" => "timestamp without time zone",
            "timetz" => "time with time zone",
            "time" => "time without time zone",
            _ => name,
        };
        return arguments is null ? name : $"{name}({arguments})";
    }

    private static async Task<DatabaseSchema> ReadSqliteAsync(DbConnection connection)
    {
        var schema = new DatabaseSchema();
        var tables = await QueryAsync(connection, "SELECT name, sql FROM sqlite_master WHERE type = 'table'", r => (Name: r.GetString(0), Sql: r.GetString(1)));
        foreach (var (table, sql) in tables.Where(t => !IsForeignTable(t.Name)))
        {
            schema.Table(table);
            var quoted = table.Replace("\"", "\"\"", StringComparison.Ordinal);
            var columns = await QueryAsync(connection, $"PRAGMA table_info(\"{quoted}\")",
                r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) != 0, Pk: (int)r.GetInt64(5)));
            foreach (var column in columns)
            {
                schema.Column(table, column.Name, NormaliseType(column.Type, sqlite: true), !column.NotNull);
            }

            var pk = columns.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToArray();
            if (pk.Length > 0)
            {
                schema.PrimaryKey(table, pk);
                if (pk.Length == 1 && sql.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
                {
                    schema.Identity(table, pk[0]);
                }
            }

            var indexes = await QueryAsync(connection, $"PRAGMA index_list(\"{quoted}\")",
                r => (Name: r.GetString(1), Unique: r.GetInt64(2) != 0, Origin: r.GetString(3), Partial: r.GetInt64(4) != 0));
            foreach (var index in indexes.Where(i => i.Origin != "pk"))
            {
                var indexColumns = (await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\")",
                    r => (Seq: r.GetInt64(0), Name: r.GetString(2)))).OrderBy(c => c.Seq).Select(c => c.Name).ToArray();
                if (index.Origin == "u")
                {
                    schema.Unique(table, indexColumns);
                }
                else
                {
                    schema.Index(table, index.Name, indexColumns, index.Unique, index.Partial);
                }
            }

            var fks = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{quoted}\")",
                r => (Id: r.GetInt64(0), Seq: r.GetInt64(1), Principal: r.GetString(2), From: r.GetString(3), To: r.GetString(4), OnDelete: r.GetString(6)));
            foreach (var fk in fks.GroupBy(f => f.Id))
            {
                var ordered = fk.OrderBy(f => f.Seq).ToArray();
                schema.ForeignKey(table, ordered.Select(f => f.From), ordered[0].Principal, ordered.Select(f => f.To), ReferentialAction(ordered[0].OnDelete));
            }
        }

        return schema;
    }

    /// <summary>SQL for the comma-separated names of the columns numbered by <paramref name="keys"/>, in key order.</summary>
    private static string PgColumnsOf(string keys, string relation) => $"""
        (SELECT string_agg(a.attname, ',' ORDER BY k.ord)
         FROM unnest({keys}) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum)
        """;

    private static async Task<DatabaseSchema> ReadPostgresAsync(DbConnection connection)
    {
        var schema = new DatabaseSchema();
        const string inSchema = "n.nspname = current_schema() AND c.relkind IN ('r', 'p')";
        var columns = await QueryAsync(connection, $"""
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                   a.attidentity <> '' OR coalesce(pg_get_expr(d.adbin, d.adrelid), '') LIKE 'nextval(%'
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE {inSchema} AND a.attnum > 0 AND NOT a.attisdropped
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetBoolean(3), Identity: r.GetBoolean(4)));
        foreach (var column in columns.Where(c => !IsForeignTable(c.Table)))
        {
            schema.Table(column.Table);
            schema.Column(column.Table, column.Name, NormaliseType(column.Type, sqlite: false), !column.NotNull);
            if (column.Identity)
            {
                schema.Identity(column.Table, column.Name);
            }
        }

        var constraints = await QueryAsync(connection, $"""
            SELECT c.relname, con.contype, {PgColumnsOf("con.conkey", "con.conrelid")},
                   coalesce(pc.relname, ''), coalesce({PgColumnsOf("con.confkey", "con.confrelid")}, ''),
                   con.confdeltype
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class pc ON pc.oid = con.confrelid
            WHERE {inSchema} AND con.contype IN ('p', 'u', 'f')
            """, r => (Table: r.GetString(0), Type: r.GetChar(1), Columns: r.GetString(2).Split(','), Principal: r.GetString(3), PrincipalColumns: r.GetString(4).Split(','), OnDelete: r.GetChar(5)));
        foreach (var c in constraints.Where(c => !IsForeignTable(c.Table)))
        {
            switch (c.Type)
            {
                case 'p':
                    schema.PrimaryKey(c.Table, c.Columns);
                    break;
                case 'u':
                    schema.Unique(c.Table, c.Columns);
                    break;
                default:
                    schema.ForeignKey(c.Table, c.Columns, c.Principal, c.PrincipalColumns, c.OnDelete switch
                    {
                        'c' => "Cascade",
                        'r' => "Restrict",
                        'n' => "SetNull",
                        'd' => "SetDefault",
                        _ => "NoAction",
                    });
                    break;
            }
        }

        // Indexes that back a primary key or unique constraint are covered above.
        var indexes = await QueryAsync(connection, $"""
            SELECT c.relname, i.relname, ix.indisunique, ix.indpred IS NOT NULL,
                   {PgColumnsOf("ix.indkey::int2[]", "ix.indrelid")}
            FROM pg_index ix
            JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_class c ON c.oid = ix.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE {inSchema}
              AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.contype IN ('p', 'u'))
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetBoolean(2), Partial: r.GetBoolean(3), Columns: r.GetString(4).Split(',')));
        foreach (var index in indexes.Where(i => !IsForeignTable(i.Table)))
        {
            schema.Index(index.Table, index.Name, index.Columns, index.Unique, index.Partial);
        }

        return schema;
    }

    private static string ReferentialAction(string sqlite) => sqlite.ToUpperInvariant() switch
    {
        "CASCADE" => "Cascade",
        "RESTRICT" => "Restrict",
        "SET NULL" => "SetNull",
        "SET DEFAULT" => "SetDefault",
        _ => "NoAction",
    };

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Catalogue queries built from table names the database itself returned, not from user input.
        command.CommandText = sql;
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^([a-z ]+?)\s*\((.*)\)$")]
    private static partial Regex TypeWithArguments();
}
