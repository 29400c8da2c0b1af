using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Kefu.Web.Tests.Infrastructure;

/// <summary>
/// Migrated and seeded databases that test apps start from as a copy: a file copy (SQLite) or
/// <c>CREATE DATABASE … TEMPLATE</c> (PostgreSQL) instead of running every migration and the demo
/// seed again for each test class. One template per engine and per way of seeding (the default
/// app seeds at the real time; the clock apps seed at their fixed start): an app starts from the
/// template that an app with its own settings made. Demo data seeded at the real time is dated from
/// the moment it was seeded, so such a template is made again once it is older than
/// <see cref="MaxAge"/>; one seeded at a fixed clock never ages.
/// </summary>
public static class DatabaseTemplates
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(3);

    private static readonly ConcurrentDictionary<(DatabaseKind Kind, string Seeding), SemaphoreSlim> Gates = new();
    private static readonly ConcurrentDictionary<(DatabaseKind Kind, string Seeding), (TestDatabase Database, DateTime MadeAt)> Current = new();

    static DatabaseTemplates() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DropAll();

    /// <summary>
    /// A new database of <paramref name="kind"/> holding what <paramref name="maker"/> migrated and
    /// seeded into the template named <paramref name="seeding"/> (made on first use).
    /// </summary>
    /// <param name="kind">The engine.</param>
    /// <param name="seeding">The name of the way the apps that share the template seed.</param>
    /// <param name="ages">Whether the seed is dated from the real time (made again after <see cref="MaxAge"/>).</param>
    /// <param name="maker">Migrates and seeds an empty database into the template.</param>
    public static async Task<TestDatabase> CopyAsync(DatabaseKind kind, string seeding, bool ages, Func<TestDatabase, Task> maker)
    {
        var key = (kind, seeding);
        var gate = Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            if (!Current.TryGetValue(key, out var current) || (ages && DateTime.UtcNow - current.MadeAt > MaxAge))
            {
                if (Current.TryRemove(key, out var old))
                {
                    await old.Database.DisposeAsync();
                }

                var template = await TestDatabase.CreateAsync(kind);
                await maker(template);
                await template.SettleAsync();
                current = (template, DateTime.UtcNow);
                Current[key] = current;
            }

            return await current.Database.CopyAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private static void DropAll()
    {
        foreach (var (template, _) in Current.Values)
        {
            try
            {
                template.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is IOException or NpgsqlException or SqliteException or InvalidOperationException)
            {
                // A throwaway server may already be gone at exit; nothing to clean then.
            }
        }
    }
}
