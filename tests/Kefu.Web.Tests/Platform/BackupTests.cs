using Kefu.Web.Data;
using Kefu.Web.Platform.Database;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-06: <c>backup FILE</c> and <c>restore FILE</c> of a running SQLite Kefu.</summary>
public sealed class BackupTests(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(TestDatabase.TempRoot, $"backup-{Guid.NewGuid():N}")).FullName;

    private static IConfiguration Config(string connectionString, string provider = "Sqlite") =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["ConnectionStrings:Kefu"] = connectionString,
        }).Build();

    [Fact]
    public async Task PLT_06_BackupThenRestore_RunningSqliteDatabase_KeepsTheRowsAndNeedsNoMigration()
    {
        int users;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var company = await db.OrgUnits.SingleAsync(u => u.Code == "HQ");
            db.OrgUnits.Add(new OrgUnit { Code = "BAK", Name = "备份测试部", ParentId = company.Id, Path = company.Path });
            await db.SaveChangesAsync();
            users = await db.Users.CountAsync();
        }

        var backup = Path.Combine(_directory, "kefu.backup");
        var restored = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "restored", "kefu.db") }.ToString();
        using var output = new StringWriter();

        Assert.Equal(0, BackupCommands.Run(["backup", backup], Config(app.ConnectionString), output));
        Assert.True(File.Exists(backup));
        Assert.Equal(0, BackupCommands.Run(["restore", backup], Config(restored), output));

        await using (var db = TestDatabase.OpenContext(DatabaseKind.Sqlite, restored, app.Services))
        {
            Assert.Equal("备份测试部", (await db.OrgUnits.SingleAsync(u => u.Code == "BAK")).Name);
            Assert.True(users > 0);
            Assert.Equal(users, await db.Users.CountAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        using (var connection = new SqliteConnection(restored))
        {
            SqliteConnection.ClearPool(connection);
        }
    }

    [Fact]
    public void PLT_06_Restore_MissingFile_Returns1()
    {
        using var output = new StringWriter();

        var code = BackupCommands.Run(["restore", Path.Combine(_directory, "missing.backup")], Config($"Data Source={Path.Combine(_directory, "x.db")}"), output);

        Assert.Equal(1, code);
        Assert.Contains("No such file", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void PLT_06_Backup_WithoutFile_PrintsUsage()
    {
        using var output = new StringWriter();

        Assert.Equal(2, BackupCommands.Run(["backup"], Config(app.ConnectionString), output));
        Assert.Contains("Usage", output.ToString(), StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

/// <summary>PLT-06 on PostgreSQL: backup with pg_dump, change, restore with pg_restore: the restored database is the backed-up one.</summary>
public sealed class PostgresBackupTests(PostgresApp app) : IClassFixture<PostgresApp>, IDisposable
{
    private readonly string _directory = Directory.CreateDirectory(Path.Combine(TestDatabase.TempRoot, $"pgbackup-{Guid.NewGuid():N}")).FullName;

    private static IConfiguration Config(string connectionString) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Kefu"] = connectionString,
        }).Build();

    /// <summary>Rows per table (Quartz's own tables move by themselves and are left out).</summary>
    private static async Task<SortedDictionary<string, long>> CountsAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new Npgsql.NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'qrtz%'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            await using var count = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    [ProviderFact]
    public async Task PLT_06_BackupChangeRestore_OnPostgres_GivesBackTheBackedUpData()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var company = await db.OrgUnits.SingleAsync(u => u.Code == "HQ");
            db.OrgUnits.Add(new OrgUnit { Code = "PGBAK", Name = "备份测试部", ParentId = company.Id, Path = company.Path });
            await db.SaveChangesAsync();
        }

        // The app's background jobs (reminders, sweeps) may write while the dump runs: the backup
        // is compared with counts that were the same just before and just after it.
        var backup = Path.Combine(_directory, "kefu.dump");
        using var output = new StringWriter();
        SortedDictionary<string, long> before;
        var attempts = 0;
        while (true)
        {
            before = await CountsAsync(app.ConnectionString);
            Assert.True(BackupCommands.Run(["backup", backup], Config(app.ConnectionString), output) == 0, output.ToString());
            if (before.SequenceEqual(await CountsAsync(app.ConnectionString)) || ++attempts == 5)
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.True(before.Count > 30, $"Only {before.Count} tables were found.");

        // The change after the backup: renamed, and one more unit.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var unit = await db.OrgUnits.SingleAsync(u => u.Code == "PGBAK");
            unit.Name = "改过的名字";
            db.OrgUnits.Add(new OrgUnit { Code = "PGBAK2", Name = "备份之后", ParentId = unit.ParentId, Path = unit.Path });
            await db.SaveChangesAsync();
        }

        // Restored into a database of its own, as after losing the server (the running app keeps its own).
        var target = new Npgsql.NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = $"kefu_restore_{Guid.NewGuid():N}"[..30] };
        await using (var admin = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{target.Database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        try
        {
            Assert.True(BackupCommands.Run(["restore", backup], Config(target.ToString()), output) == 0, output.ToString());
            var after = await CountsAsync(target.ToString());
            var differ = before.Where(b => !after.TryGetValue(b.Key, out var n) || n != b.Value).Select(b => $"{b.Key}: {b.Value} → {(after.TryGetValue(b.Key, out var n) ? n : -1)}").ToArray();
            Assert.True(differ.Length == 0 && after.Count == before.Count, "Tables that differ: " + string.Join(", ", differ));
            await using var restored = TestDatabase.OpenContext(DatabaseKind.Postgres, target.ToString(), app.Services);
            Assert.Equal("备份测试部", (await restored.OrgUnits.SingleAsync(u => u.Code == "PGBAK")).Name);
            Assert.False(await restored.OrgUnits.AnyAsync(u => u.Code == "PGBAK2"));
            Assert.Empty(await restored.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var admin = new Npgsql.NpgsqlConnection(app.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target.Database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
