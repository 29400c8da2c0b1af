using Kefu.Web.Data;
using Kefu.Web.Platform.Database;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform;

/// <summary>PLT-06: <c>backup FILE</c> and <c>restore FILE</c> of a running SQLite Kefu (PostgreSQL uses pg_dump).</summary>
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
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var company = await db.OrgUnits.SingleAsync(u => u.Code == "HQ");
            db.OrgUnits.Add(new OrgUnit { Code = "BAK", Name = "备份测试部", ParentId = company.Id, Path = company.Path });
            await db.SaveChangesAsync();
        }

        var backup = Path.Combine(_directory, "kefu.backup");
        var restored = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "restored", "kefu.db") }.ToString();
        using var output = new StringWriter();

        Assert.Equal(0, BackupCommands.Run(["backup", backup], Config(app.ConnectionString), output));
        Assert.True(File.Exists(backup));
        Assert.Equal(0, BackupCommands.Run(["restore", backup], Config(restored), output));

        var options = new DbContextOptionsBuilder<KefuDbContext>().UseSqlite(restored).UseApplicationServiceProvider(app.Services).Options;
        await using (var db = new KefuDbContext(options))
        {
            Assert.Equal("备份测试部", (await db.OrgUnits.SingleAsync(u => u.Code == "BAK")).Name);
            Assert.Equal(25, await db.Users.CountAsync());
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
    public void PLT_06_Backup_OnPostgres_Returns2AndPointsToPgDump()
    {
        using var output = new StringWriter();

        var code = BackupCommands.Run(["backup", Path.Combine(_directory, "pg.backup")], Config("Host=localhost;Database=kefu", "Postgres"), output);

        Assert.Equal(2, code);
        Assert.Contains("pg_dump", output.ToString(), StringComparison.Ordinal);
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
