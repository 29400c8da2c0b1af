using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Kefu.Web.Platform.Database;

/// <summary>
/// Databases made before the migrations were generated per provider (ADR 0011). Up to
/// 2026-11-30 Kefu's migrations were hand-written and shared by both providers; the schema they
/// build is exactly the one each provider's <c>Baseline</c> migration builds (the upgrade tests
/// prove it on both databases, with data in every table). Such a database has the last of those
/// migrations in its history: that history is replaced by the Baseline, in one transaction, and
/// the migrations after the Baseline then run as usual. A database that stopped at an older
/// release must first be started once by the release of 2026-11-30.
/// </summary>
public static class EarlierReleases
{
    /// <summary>The hand-written migrations, oldest first; the last is the schema the Baseline equals.</summary>
    public static readonly IReadOnlyList<string> HandWrittenMigrations =
    [
        "20261124080829_Initial",
        "20261124082656_Calendars",
        "20261124083642_SlaAndNotifications",
        "20261124091241_ExpensesAndApprovals",
        "20261124092217_LedgerEntries",
        "20261124092440_ClaimBatches",
        "20261124093604_Attachments",
        "20261124094315_CustomerProfile",
        "20261124101857_VisitsSurveysInquiries",
        "20261124104734_Incidents",
        "20261124111339_Orders",
        "20261124112554_CrossRegionCases",
        "20261130094905_SignInFailures",
        "20261130095620_NumberSequences",
        "20261130095934_CalendarArrangements",
    ];

    /// <summary>The first generated migration of each provider: the schema of the last hand-written one.</summary>
    public static string BaselineOf(KefuDbContext db) => db switch
    {
        SqliteKefuDbContext => "20261130131355_Baseline",
        PostgresKefuDbContext => "20261130131438_Baseline",
        _ => throw new ArgumentException($"No migrations for {db.GetType().Name}.", nameof(db)),
    };

    /// <summary>Replaces a hand-written history by the provider's Baseline; does nothing on a new or current database.</summary>
    /// <returns>Whether the history was replaced.</returns>
    public static async Task<bool> AdoptAsync(KefuDbContext db, CancellationToken ct = default)
    {
        // The table itself is looked for (Npgsql's IHistoryRepository.ExistsAsync answers true on an empty database).
        var historyTables = db is PostgresKefuDbContext
            ? """SELECT COUNT(*) AS "Value" FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '__EFMigrationsHistory'"""
            : """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'""";
        if (await db.Database.SqlQueryRaw<int>(historyTables).SingleAsync(ct) == 0)
        {
            return false;
        }

        var history = db.GetService<IHistoryRepository>();

        // Two nodes may start together on PostgreSQL: the history is read again under a lock.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (db is PostgresKefuDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("""LOCK TABLE "__EFMigrationsHistory" IN EXCLUSIVE MODE""", ct);
        }

        var applied = (await history.GetAppliedMigrationsAsync(ct)).Select(r => r.MigrationId).ToHashSet(StringComparer.Ordinal);
        var handWritten = HandWrittenMigrations.Where(applied.Contains).ToList();
        if (handWritten.Count == 0)
        {
            return false;
        }

        if (!applied.Contains(HandWrittenMigrations[^1]))
        {
            throw new InvalidOperationException(
                $"This database was last upgraded by a Kefu release older than 2026-11-30 (its newest migration is {handWritten[^1]}). " +
                "Start the release of 2026-11-30 on it once, then this release.");
        }

        var baseline = BaselineOf(db);
        var script = string.Concat(handWritten.Select(history.GetDeleteScript))
            + (applied.Contains(baseline) ? "" : history.GetInsertScript(new HistoryRow(baseline, ProductInfo.GetVersion())));
        await db.Database.ExecuteSqlRawAsync(script, ct);
        await transaction.CommitAsync(ct);
        return true;
    }
}
