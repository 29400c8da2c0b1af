using Kefu.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kefu.Web.Platform.Database;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>How SQLite syncs its write-ahead log (PRAGMA synchronous): see the README's Performance section.</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is synced to disk: a commit survives a power loss.</summary>
    Full,

    /// <summary>The log is synced at checkpoints only: a commit survives a crash of Kefu, not a power loss or an OS crash.</summary>
    Normal,
}

/// <summary>
/// Chooses the database from configuration: <c>Database:Provider</c>, <c>ConnectionStrings:Kefu</c>,
/// <c>Kefu:DataDirectory</c>, <c>Database:SqliteSynchronous</c>.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory, SqliteSynchronous Synchronous = SqliteSynchronous.Full)
{
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerText = configuration["Database:Provider"];
        var provider = string.IsNullOrWhiteSpace(providerText) ? DatabaseProvider.Sqlite
            : Enum.TryParse<DatabaseProvider>(providerText, ignoreCase: true, out var p) ? p
            : throw new InvalidOperationException($"Database:Provider must be Sqlite or Postgres, not '{providerText}'.");
        var dataDirectory = Path.GetFullPath(configuration["Kefu:DataDirectory"] is { Length: > 0 } d ? d : "data");
        var connectionString = configuration.GetConnectionString("Kefu");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException("ConnectionStrings:Kefu is required when Database:Provider is Postgres.");
            }

            connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "kefu.db") }.ToString();
        }

        var synchronousText = configuration["Database:SqliteSynchronous"];
        var synchronous = string.IsNullOrWhiteSpace(synchronousText) ? SqliteSynchronous.Full
            : Enum.TryParse<SqliteSynchronous>(synchronousText, ignoreCase: true, out var s) && Enum.IsDefined(s) ? s
            : throw new InvalidOperationException($"Database:SqliteSynchronous must be Full or Normal, not '{synchronousText}'.");
        return new DatabaseSettings(provider, connectionString, dataDirectory, synchronous);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            // One writer at a time, waiting in line (ADR 0013); the context saves in a transaction always.
            DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString).AddInterceptors(SqliteWriteGate.Instance, SqliteConnectionSetup.For(Synchronous)),
            DatabaseProvider.Postgres => options.UseNpgsql(ConnectionString),
        };
    }

    /// <summary>A context of the provider's own type (the one its migrations belong to), outside dependency injection.</summary>
    public KefuDbContext CreateContext(Action<DbContextOptionsBuilder>? configure = null) => Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteKefuDbContext(Options<SqliteKefuDbContext>(configure)),
        DatabaseProvider.Postgres => new PostgresKefuDbContext(Options<PostgresKefuDbContext>(configure)),
    };

    private DbContextOptions<TContext> Options<TContext>(Action<DbContextOptionsBuilder>? configure) where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        Configure(builder);
        configure?.Invoke(builder);
        return builder.Options;
    }
}

public static class DatabaseSetup
{
    public static DatabaseSettings AddKefuDatabase(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        _ = settings.Provider switch
        {
            DatabaseProvider.Sqlite => builder.Services.AddDbContext<KefuDbContext, SqliteKefuDbContext>(settings.Configure),
            DatabaseProvider.Postgres => builder.Services.AddDbContext<KefuDbContext, PostgresKefuDbContext>(settings.Configure),
        };
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return settings;
    }

    /// <summary>Creates the data directory, turns on WAL for SQLite and applies the migrations.</summary>
    public static async Task MigrateAsync(IServiceProvider services)
    {
        var settings = services.GetRequiredService<DatabaseSettings>();
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            }

            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }

        await MigrateAsync(db);
    }

    /// <summary>Applies the provider's migrations, first adopting a database made by an earlier release (ADR 0011).</summary>
    public static async Task MigrateAsync(KefuDbContext db)
    {
        await EarlierReleases.AdoptAsync(db);
        await db.Database.MigrateAsync();
    }
}

internal sealed class DatabaseHealthCheck(KefuDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", e);
        }
    }
}

/// <summary>Sets <c>PRAGMA synchronous</c> on every SQLite connection Kefu opens (it is a per-connection setting).</summary>
internal sealed class SqliteConnectionSetup : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    private static readonly SqliteConnectionSetup FullSync = new("PRAGMA synchronous=FULL;");
    private static readonly SqliteConnectionSetup NormalSync = new("PRAGMA synchronous=NORMAL;");
    private readonly string _pragma;

    private SqliteConnectionSetup(string pragma) => _pragma = pragma;

    public static SqliteConnectionSetup For(SqliteSynchronous synchronous) => synchronous == SqliteSynchronous.Normal ? NormalSync : FullSync;

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = _pragma;
        command.ExecuteNonQuery();
    }
}
