using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// Data in every table, and every table's data as text: an upgrade or a backup is checked by filling
/// each table of the model with a row that sets every column, then comparing the contents before
/// and after. Values are written as the provider's own SQL literals (EF's type mappings), so they
/// are stored exactly as EF stores them; foreign keys point at the row written into the principal.
/// </summary>
public static class EveryTable
{
    /// <summary>Inserts one row (every column set) into each table of the model; returns the tables filled.</summary>
    public static async Task<int> FillAsync(DbContext db, int seed = 1)
    {
        var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        var tables = model.Tables.Where(t => !DatabaseSchema.IsForeignTable(t.Name)).ToList();
        var written = new Dictionary<(string Table, string Column), object?>();
        var sql = new StringBuilder();
        var n = 0;
        foreach (var table in PrincipalsFirst(tables))
        {
            n++;
            var columns = new List<string>();
            var literals = new List<string>();
            foreach (var column in table.Columns)
            {
                var property = column.PropertyMappings[0].Property;
                var mapping = (RelationalTypeMapping)property.GetRelationalTypeMapping();
                object? value;
                var foreignKey = table.ForeignKeyConstraints.FirstOrDefault(f => f.Columns.Contains(column));
                if (foreignKey is not null)
                {
                    var principalColumn = foreignKey.PrincipalColumns[foreignKey.Columns.ToList().IndexOf(column)];
                    value = written.TryGetValue((foreignKey.PrincipalTable.Name, principalColumn.Name), out var key) ? key
                        : column.IsNullable ? null
                        : throw new InvalidOperationException($"{table.Name}.{column.Name} needs a row in {foreignKey.PrincipalTable.Name} first.");
                }
                else
                {
                    value = Sample(property.ClrType, property.GetMaxLength(), seed * 1_000 + n);
                }

                written[(table.Name, column.Name)] = value;
                columns.Add($"\"{column.Name}\"");
                literals.Add(value is null ? "NULL" : mapping.GenerateSqlLiteral(value));
            }

            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table.Name}\" ({string.Join(", ", columns)}) VALUES ({string.Join(", ", literals)});\n");
        }

        await db.Database.ExecuteSqlRawAsync(sql.ToString());
        return tables.Count;
    }

    /// <summary>Every table of the database (not only the model's), each as sorted lines of column=value.</summary>
    public static async Task<SortedDictionary<string, List<string>>> ContentsAsync(
        DbConnection connection, bool sqlite, Func<string, bool> include, Func<string, string, bool>? includeColumn = null)
    {
        var contents = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        var names = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                names.Add(reader.GetString(0));
            }
        }

        foreach (var name in names.Where(include))
        {
            var rows = new List<string>();
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{name}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var cells = Enumerable.Range(0, reader.FieldCount)
                    .Where(i => includeColumn?.Invoke(name, reader.GetName(i)) ?? true)
                    .Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")
                    .Order(StringComparer.Ordinal);
                rows.Add(string.Join(" | ", cells));
            }

            rows.Sort(StringComparer.Ordinal);
            contents[name] = rows;
        }

        return contents;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A value of the property's type; strings within the column's length.</summary>
    private static object Sample(Type type, int? maxLength, int n)
    {
        var clr = Nullable.GetUnderlyingType(type) ?? type;
        if (clr.IsEnum)
        {
            var values = Enum.GetValues(clr);
            return values.GetValue(n % values.Length)!;
        }

        return clr switch
        {
            _ when clr == typeof(string) => Fit($"v{n}-数据", maxLength),
            _ when clr == typeof(bool) => true,
            _ when clr == typeof(int) => 900_000 + n,
            _ when clr == typeof(long) => 9_000_000_000L + n,
            _ when clr == typeof(short) => (short)(1000 + n),
            _ when clr == typeof(byte) => (byte)(n % 200),
            _ when clr == typeof(decimal) => 12.34m + n,
            _ when clr == typeof(double) => 1.5 + n,
            _ when clr == typeof(float) => 2.5f,
            _ when clr == typeof(Guid) => new Guid(n, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
            _ when clr == typeof(DateTime) => new DateTime(2030, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddMinutes(n),
            _ when clr == typeof(DateTimeOffset) => new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero).AddMinutes(n),
            _ when clr == typeof(DateOnly) => new DateOnly(2030, 1, 2).AddDays(n % 300),
            _ when clr == typeof(TimeOnly) => new TimeOnly(9, n % 60),
            _ when clr == typeof(TimeSpan) => TimeSpan.FromMinutes(n),
            _ when clr == typeof(byte[]) => new byte[] { 1, 2, (byte)(n % 250) },
            _ => throw new NotSupportedException($"No sample value for {clr.Name}."),
        };
    }

    private static string Fit(string text, int? maxLength) => maxLength is { } max && text.Length > max ? text[..max] : text;

    /// <summary>Tables ordered so that every table comes after the tables its foreign keys point to.</summary>
    private static List<ITable> PrincipalsFirst(List<ITable> tables)
    {
        var ordered = new List<ITable>();
        var done = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            var ready = tables.Where(t => !done.Contains(t.Name) && t.ForeignKeyConstraints
                    .All(f => f.PrincipalTable.Name == t.Name || done.Contains(f.PrincipalTable.Name) || f.Columns.All(c => c.IsNullable)))
                .ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("Foreign keys form a cycle of required columns.");
            }

            foreach (var table in ready.OrderBy(t => t.ForeignKeyConstraints.Count(f => !done.Contains(f.PrincipalTable.Name))))
            {
                ordered.Add(table);
                done.Add(table.Name);
                break;
            }
        }

        return ordered;
    }
}
