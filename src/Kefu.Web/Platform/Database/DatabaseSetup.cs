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

/// <summary>Chooses the database from configuration: <c>Database:Provider</c>, <c>ConnectionStrings:Kefu</c>, <c>Kefu:DataDirectory</c>.</summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
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

        return new DatabaseSettings(provider, connectionString, dataDirectory);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(ConnectionString),
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
