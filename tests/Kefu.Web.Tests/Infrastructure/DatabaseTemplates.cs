using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// One migrated and seeded database per engine that test apps start from as a copy: a file copy
/// (SQLite) or <c>CREATE DATABASE … TEMPLATE</c> (PostgreSQL) instead of running every migration and
/// the demo seed again for each test class. The demo data is dated from the moment it was seeded,
/// so a template is made again once it is older than <see cref="MaxAge"/>; a class then sees data
/// at most that much older than a fresh seed would be.
/// </summary>
public static class DatabaseTemplates
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(3);

    private static readonly SemaphoreSlim[] Gates = [new(1, 1), new(1, 1)];
    private static readonly (TestDatabase? Database, DateTime MadeAt)[] Current = new (TestDatabase?, DateTime)[2];

    static DatabaseTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary>A new database of <paramref name="kind"/> holding what a fresh app would have migrated and seeded.</summary>
    public static async Task<TestDatabase> CopyAsync(DatabaseKind kind)
    {
        var gate = Gates[(int)kind];
        await gate.WaitAsync();
        try
        {
            var (template, madeAt) = Current[(int)kind];
            if (template is null || DateTime.UtcNow - madeAt > MaxAge)
            {
                Current[(int)kind] = (null, default);
                if (template is not null)
                {
                    await template.DisposeAsync();
                }

                template = await TestDatabase.CreateAsync(kind);
                await KefuFactory.MigrateAndSeedAsync(kind, template);
                await template.SettleAsync();
                Current[(int)kind] = (template, DateTime.UtcNow);
            }

            return await template.CopyAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private static void DropAll()
    {
        foreach (var (template, _) in Current)
        {
            try
            {
                template?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or NpgsqlException or SqliteException or InvalidOperationException)
            {
                // A throwaway server may already be gone at exit; nothing to clean then.
            }
        }
    }
}
