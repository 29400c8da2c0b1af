using System.Diagnostics;
using Kefu.Web.Data;
using Kefu.Web.Platform.Database;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Nothing is lost on upgrade: a database made by an earlier release, with data in every table, is
/// upgraded in place by this release on both databases. Fixtures/upgrade/2026-11-30 holds such
/// databases, made by that day's (hand-written) migrations, seeded, with a row in every table. This
/// class also proves the filler that made them reaches every table, and writes new fixtures when
/// <c>KEFU_WRITE_UPGRADE_FIXTURE</c> names a folder (ADR 0011).
/// </summary>
public abstract class UpgradeTests(KefuFactory app)
{
    private static readonly string FixtureFolder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "upgrade", "2026-11-30");

    [ProviderFact]
    public async Task A_database_of_the_release_of_2026_11_30_is_upgraded_in_place_with_nothing_lost()
    {
        await using var database = await TestDatabase.CreateAsync(app.Kind);
        await LoadFixtureAsync(database);
        var before = await ContentsAsync(database);
        Assert.True(before.Count > 40 && before.All(t => t.Value.Count > 0), "The fixture should have rows in every table.");

        await using (var db = database.OpenContext(app.Services))
        {
            Assert.Contains(EarlierReleases.HandWrittenMigrations[^1], await db.Database.GetAppliedMigrationsAsync());

            await DatabaseSetup.MigrateAsync(db);

            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.Equal(EarlierReleases.BaselineOf(db), db.Database.GetMigrations().First());
            var difference = DatabaseSchema.FromModel(db).Difference(await DatabaseSchema.FromDatabaseAsync(db));
            Assert.True(difference.Length == 0, difference);

            // Every row of every entity reads back through the model (types, enums, keys); tables
            // that later migrations add start empty.
            foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && !e.HasSharedClrType && before.ContainsKey(e.GetTableName()!)))
            {
                var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
                var rows = await set.AsNoTracking().ToListAsync();
                Assert.True(rows.Count > 0, $"{entity.ClrType.Name} reads no row after the upgrade.");
            }

            // Started again (every start migrates): nothing to do, nothing changes.
            await DatabaseSetup.MigrateAsync(db);
        }

        // Columns later migrations added to the release's tables are left out: the rows compare on what the release had.
        var releaseColumns = before.ToDictionary(
            t => t.Key, t => t.Value[0].Split(" | ").Select(cell => cell[..cell.IndexOf('=', StringComparison.Ordinal)]).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
        var after = await ContentsAsync(database, (table, column) => !releaseColumns.TryGetValue(table, out var columns) || columns.Contains(column));
        // Tables the release had keep every row; tables later migrations added are there, empty, except
        // those a migration fills from the release's rows: each customer's contact and address became
        // its primary contact person and address (CUS-01), one per customer that had one.
        Assert.Empty(before.Keys.Except(after.Keys));
        string[] filledByMigrations = ["CustomerContactPersons", "CustomerAddresses"];
        Assert.All(after.Keys.Except(before.Keys).Except(filledByMigrations), added => Assert.Empty(after[added]));
        Assert.All(filledByMigrations, table => Assert.InRange(after[table].Count, 1, before["Customers"].Count));
        foreach (var (table, rows) in before)
        {
            Assert.True(rows.SequenceEqual(after[table]), $"{table} changed: {rows.Count} row(s) before, {after[table].Count} after; first before: {rows.FirstOrDefault()}; first after: {after[table].FirstOrDefault()}");
        }
    }

    [ProviderFact]
    public async Task A_database_that_stopped_at_an_older_hand_written_migration_is_refused_with_what_to_do()
    {
        await using var database = await TestDatabase.CreateAsync(app.Kind);
        await LoadFixtureAsync(database);
        await using var db = database.OpenContext(app.Services);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" IN ({EarlierReleases.HandWrittenMigrations[^1]}, {EarlierReleases.HandWrittenMigrations[^2]})""");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(db));

        Assert.Contains("2026-11-30", refused.Message, StringComparison.Ordinal);
        Assert.Contains(EarlierReleases.HandWrittenMigrations[^3], refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(EarlierReleases.BaselineOf(db), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>The fixture of the provider, loaded into an empty database.</summary>
    private static async Task LoadFixtureAsync(TestDatabase database)
    {
        if (database.Kind == DatabaseKind.Sqlite)
        {
            File.Copy(Path.Combine(FixtureFolder, "kefu.db"), database.Name, overwrite: true);
            return;
        }

        // A plain pg_dump; its psql meta-commands (\restrict …) are not SQL.
        var sql = string.Join('\n', (await File.ReadAllLinesAsync(Path.Combine(FixtureFolder, "kefu-postgres.sql")))
            .Where(line => !line.StartsWith('\\')));
        await using var connection = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var load = new Npgsql.NpgsqlCommand(sql, connection);
        await load.ExecuteNonQueryAsync();
    }

    /// <summary>The rows of every table Kefu owns (not the migration history, not Quartz's store).</summary>
    private static async Task<SortedDictionary<string, List<string>>> ContentsAsync(TestDatabase database, Func<string, string, bool>? includeColumn = null)
    {
        await using System.Data.Common.DbConnection connection = database.Kind == DatabaseKind.Sqlite
            ? new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString)
            : new Npgsql.NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        return await EveryTable.ContentsAsync(connection, database.Kind == DatabaseKind.Sqlite, name => !DatabaseSchema.IsForeignTable(name), includeColumn);
    }

    [ProviderFact]
    public async Task Filler_puts_a_row_in_every_table_of_the_model()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();

        var filled = await EveryTable.FillAsync(db);

        var sqlite = app.Kind == DatabaseKind.Sqlite;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var contents = await EveryTable.ContentsAsync(connection, sqlite, name => !DatabaseSchema.IsForeignTable(name));
        await db.Database.CloseConnectionAsync();
        Assert.True(filled > 30, $"Only {filled} tables were filled.");
        Assert.Equal(filled, contents.Count);
        Assert.All(contents, table => Assert.True(table.Value.Count > 0, $"{table.Key} is empty."));

        if (Environment.GetEnvironmentVariable("KEFU_WRITE_UPGRADE_FIXTURE") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            if (sqlite)
            {
                var file = Path.Combine(Path.GetFullPath(folder), "kefu.db");
                File.Delete(file);
                var vacuum = "VACUUM INTO '" + file.Replace("'", "''", StringComparison.Ordinal) + "'";
                await db.Database.ExecuteSqlRawAsync(vacuum);
            }
            else
            {
                var cs = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString);
                var pgDump = Directory.GetDirectories("/usr/lib/postgresql").Order().Last() + "/bin/pg_dump";
                var start = new ProcessStartInfo(pgDump) { UseShellExecute = false, RedirectStandardError = true };
                foreach (var argument in new[] { "--host", cs.Host!, "--port", cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--username", cs.Username!,
                             "--no-owner", "--no-privileges", "--inserts", "--column-inserts", "--file", Path.Combine(folder, "kefu-postgres.sql"), "--dbname", cs.Database! })
                {
                    start.ArgumentList.Add(argument);
                }

                using var process = Process.Start(start)!;
                var error = await process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                Assert.True(process.ExitCode == 0, error);
            }
        }
    }
}

public sealed class UpgradeTestsOnSqlite(SqliteApp app) : UpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class UpgradeTestsOnPostgres(PostgresApp app) : UpgradeTests(app), IClassFixture<PostgresApp>;
