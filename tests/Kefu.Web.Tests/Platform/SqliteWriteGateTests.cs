using System.Diagnostics;
using Kefu.Web.Platform.Database;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Kefu.Web.Tests.Platform;

/// <summary>
/// Issue 14: on SQLite the writers of one process wait in line (<see cref="SqliteWriteGate"/>) instead
/// of meeting SQLITE_BUSY and the driver's sleep-and-retry. The driver's own busy wait is cut to one
/// second here, so writers that overlapped for longer would fail without the line.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private readonly string _file = Path.Combine(TestDatabase.TempRoot, $"gate-{Guid.NewGuid():N}.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = _file, DefaultTimeout = 1 }.ToString();

    private Kefu.Web.Data.KefuDbContext Open() => new DatabaseSettings(DatabaseProvider.Sqlite, ConnectionString, TestDatabase.TempRoot).CreateContext();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(TestDatabase.TempRoot);
        await using var db = Open();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL; CREATE TABLE Lines (Writer INTEGER NOT NULL, At TEXT NOT NULL);");
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_file + suffix);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task Writers_that_overlap_longer_than_the_busy_timeout_all_commit_one_after_another()
    {
        const int Writers = 8;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            await using var db = Open();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Lines (Writer, At) VALUES ({0}, {1})", writer, DateTime.UtcNow.ToString("O"));
            await Task.Delay(200); // work inside the transaction: 8 × 200 ms is well past the 1 s busy timeout
            await transaction.CommitAsync();
        })));

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(Writers * 200 - 50), "the transactions overlapped instead of taking turns");
        await using var check = Open();
        Assert.Equal(Writers, await check.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM Lines").SingleAsync());
    }

    [Fact]
    public async Task A_context_disposed_in_the_middle_of_a_transaction_lets_the_next_writer_in()
    {
        await using (var abandoned = Open())
        {
            await abandoned.Database.BeginTransactionAsync();
            await abandoned.Database.ExecuteSqlRawAsync("INSERT INTO Lines (Writer, At) VALUES (1, 'abandoned')");
        }

        await using var next = Open();
        await using (var transaction = await next.Database.BeginTransactionAsync().WaitAsync(TimeSpan.FromSeconds(5)))
        {
            await next.Database.ExecuteSqlRawAsync("INSERT INTO Lines (Writer, At) VALUES (2, 'committed')");
            await transaction.CommitAsync();
        }

        Assert.Equal(["committed"], await next.Database.SqlQueryRaw<string>("SELECT At AS Value FROM Lines").ToListAsync());
    }

    [Fact]
    public async Task A_write_outside_a_transaction_waits_for_the_writer_in_a_transaction()
    {
        await using var holder = Open();
        var transaction = await holder.Database.BeginTransactionAsync();
        await holder.Database.ExecuteSqlRawAsync("INSERT INTO Lines (Writer, At) VALUES (1, 'first')");

        await using var other = Open();
        var outside = other.Database.ExecuteSqlRawAsync("INSERT INTO Lines (Writer, At) VALUES (2, 'second')");
        await Task.Delay(1500); // past the driver's 1 s busy timeout: without the line this write would have failed
        Assert.False(outside.IsCompleted);
        await transaction.CommitAsync();
        await transaction.DisposeAsync();
        await outside.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["first", "second"], await other.Database.SqlQueryRaw<string>("SELECT At AS Value FROM Lines ORDER BY rowid").ToListAsync());
    }

    [Theory]
    [InlineData(null, 2)]
    [InlineData("Full", 2)]
    [InlineData("normal", 1)]
    public async Task Every_connection_syncs_as_configured(string? setting, long expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Kefu"] = ConnectionString,
            ["Database:SqliteSynchronous"] = setting,
        }).Build();
        await using var db = DatabaseSettings.From(configuration).CreateContext();

        Assert.Equal(expected, await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync());
    }

    [Fact]
    public void An_unknown_synchronous_setting_stops_the_start_with_a_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:SqliteSynchronous"] = "Off",
        }).Build();

        var error = Assert.Throws<InvalidOperationException>(void () => DatabaseSettings.From(configuration));
        Assert.Contains("Full or Normal", error.Message);
    }
}
