using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>A fresh SQLite file, or a fresh database on the PostgreSQL server of PG_TEST_CONNECTION; removed afterwards.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _server;
    private readonly string _name;

    private BenchDatabase(string provider, string connectionString, string name, string? server)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _name = name;
        _server = server;
    }

    public string Provider { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(string kind)
    {
        if (kind.Equals("sqlite", StringComparison.OrdinalIgnoreCase))
        {
            var file = Path.Combine(Path.GetTempPath(), $"kefu-board-bench-{Guid.NewGuid():N}.db");
            return new BenchDatabase("Sqlite", new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file, null);
        }

        var server = Environment.GetEnvironmentVariable("PG_TEST_CONNECTION") is { Length: > 0 } value
            ? value : throw new InvalidOperationException("Set PG_TEST_CONNECTION to run on PostgreSQL.");
        var name = $"kefu_board_bench_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new BenchDatabase("Postgres", new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString, name, server);
    }

    public async ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("BENCH_KEEP_DB") is { Length: > 0 })
        {
            Console.WriteLine($"  database kept: {ConnectionString}");
            return;
        }

        if (_server is null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_name + suffix);
            }

            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(_server);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
