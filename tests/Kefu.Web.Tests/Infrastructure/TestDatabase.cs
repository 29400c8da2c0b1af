using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>The database engines Kefu runs on; every integration test class runs on both.</summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// A database of its own for one test class: a fresh SQLite file under /tmp/kefu-tests, or a fresh
/// PostgreSQL database on the server named by <c>PG_TEST_CONNECTION</c>. Dropped on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PG_TEST_CONNECTION";

    private TestDatabase(DatabaseKind kind, string connectionString, string name)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Name = name;
    }

    public DatabaseKind Kind { get; }

    /// <summary>The value of <c>ConnectionStrings:Kefu</c> for the app.</summary>
    public string ConnectionString { get; }

    /// <summary>File path (SQLite) or database name (PostgreSQL).</summary>
    public string Name { get; }

    /// <summary>The PostgreSQL server for tests, or null when the variable is not set.</summary>
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static string TempRoot => Path.Combine(Path.GetTempPath(), "kefu-tests");

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            Directory.CreateDirectory(TempRoot);
            var file = Path.Combine(TempRoot, $"{Guid.NewGuid():N}.db");
            return new TestDatabase(kind, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file);
        }

        var server = PostgresServer ?? throw new InvalidOperationException(PostgresRequirement.SkipReason);
        var name = $"kefu_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(kind, builder.ConnectionString, name);
    }

    /// <summary>
    /// Makes the database safe to copy once the app that wrote it has stopped: SQLite folds its
    /// write-ahead log into the file; PostgreSQL closes every session on it (a template takes none).
    /// </summary>
    internal async Task SettleAsync()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString()))
            {
                await connection.OpenAsync();
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync();
            }

            using (var pooled = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(pooled);
            }

            return;
        }

        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var terminate = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name AND pid <> pg_backend_pid()", admin);
        terminate.Parameters.AddWithValue("name", Name);
        await terminate.ExecuteNonQueryAsync();
    }

    /// <summary>A new database with this one's content (a settled template's).</summary>
    internal async Task<TestDatabase> CopyAsync()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            var file = Path.Combine(TempRoot, $"{Guid.NewGuid():N}.db");
            File.Copy(Name, file);
            return new TestDatabase(Kind, new SqliteConnectionStringBuilder { DataSource = file }.ToString(), file);
        }

        var name = $"kefu_test_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresServer))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(Kind, new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name }.ConnectionString, name);
    }

    /// <summary>A context of the provider's own type on <paramref name="connectionString"/>, using the app's services.</summary>
    public static Kefu.Web.Data.KefuDbContext OpenContext(DatabaseKind kind, string connectionString, IServiceProvider services) =>
        new Kefu.Web.Platform.Database.DatabaseSettings(
                kind == DatabaseKind.Sqlite ? Kefu.Web.Platform.Database.DatabaseProvider.Sqlite : Kefu.Web.Platform.Database.DatabaseProvider.Postgres,
                connectionString, TempRoot)
            .CreateContext(b => b.UseApplicationServiceProvider(services));

    /// <summary>A context on this database, using the app's services.</summary>
    public Kefu.Web.Data.KefuDbContext OpenContext(IServiceProvider services) => OpenContext(Kind, ConnectionString, services);

    public async ValueTask DisposeAsync()
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            using (var connection = new SqliteConnection(ConnectionString))
            {
                SqliteConnection.ClearPool(connection);
            }

            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(Name + suffix);
            }

            return;
        }

        using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await using var admin = new NpgsqlConnection(PostgresServer);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
