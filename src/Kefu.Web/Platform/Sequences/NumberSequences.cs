using System.Globalization;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Kefu.Web.Platform.Sequences;

/// <summary>
/// Gap-free numbers for records that people count (EXP-02's claims per claimant, customers,
/// orders, incidents…): each sequence is one counter row, advanced by an atomic upsert in the
/// transaction that saves the record. The upsert takes the row's write lock, so a concurrent
/// saver of the same sequence waits until this transaction ends and then sees its number
/// (PostgreSQL's row lock; on SQLite every write transaction is <c>BEGIN IMMEDIATE</c>, the
/// database's single writer lock). A rollback takes the number back with the record, so numbers
/// never skip and never repeat, and no unique index is ever hit.
/// </summary>
public sealed class NumberSequences(KefuDbContext db)
{
    /// <summary>The company-wide sequence of a record type uses this scope.</summary>
    public const string CompanyWide = "";

    // One statement for both providers: SQLite (3.35+) and PostgreSQL share upsert and RETURNING.
    private const string Advance = """
        INSERT INTO "SequenceCounters" ("Name", "Scope", "Last") VALUES (@name, @scope, @count)
        ON CONFLICT ("Name", "Scope") DO UPDATE SET "Last" = "SequenceCounters"."Last" + excluded."Last"
        RETURNING "Last"
        """;

    /// <summary>The next number of a sequence, taken inside the caller's transaction.</summary>
    public Task<long> NextAsync(string name, string scope, CancellationToken ct) => TakeAsync(name, scope, 1, ct);

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive numbers and returns the first, inside the
    /// caller's transaction; the caller saves its records before it commits.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open: a number taken outside the saving transaction could be lost.</exception>
    public async Task<long> TakeAsync(string name, string scope, int count, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException($"A number of '{name}' is taken inside the transaction that saves the record.");

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = Advance;
        Add(command, "@name", name);
        Add(command, "@scope", scope);
        Add(command, "@count", (long)count);
        var last = Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        return last - count + 1;
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
