using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kefu.Web.Platform.Database;

/// <summary>
/// One writer per SQLite database in this process, waiting in line instead of retrying (issue 14,
/// ADR 0013). SQLite lets one connection write at a time; when a second one asks, the ADO.NET driver
/// answers SQLITE_BUSY by sleeping 150 ms on a thread-pool thread and trying again, so under load
/// requests slept, threads starved and the slowest writes waited seconds. Here a write transaction
/// (every <c>BEGIN IMMEDIATE</c>, which includes every <c>SaveChanges</c>: the SQLite context saves
/// in a transaction always) and a write statement outside a transaction first take this process's
/// asynchronous lock for the file, and give it back when the transaction ends (commit, rollback,
/// failure, or the connection closed or the context disposed with it still open). Readers never
/// wait: in WAL mode they read beside the writer. Another process writing the same file still
/// meets the driver's busy retry, as before.
/// </summary>
public sealed class SqliteWriteGate : IDbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    /// <summary>How long a writer waits in line before the request fails as the database being busy.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Files = new(StringComparer.Ordinal);

    // Which contexts hold their file's lock, and whether for a transaction or for one statement.
    private static readonly ConditionalWeakTable<DbContext, Lease> Leases = [];

    public static SqliteWriteGate Instance { get; } = new();

    private SqliteWriteGate()
    {
    }

    /// <summary>Gives the lock back if <paramref name="context"/> still holds it (the context is being disposed).</summary>
    public static void ReleaseFor(DbContext context)
    {
        if (Leases.TryGetValue(context, out var lease))
        {
            lease.Release();
        }
    }

    // --- Transactions ------------------------------------------------------------------------

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        Acquire(connection, eventData.Context, LeaseKind.Transaction);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await AcquireAsync(connection, eventData.Context, LeaseKind.Transaction, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    // --- A write statement outside a transaction (ExecuteUpdate, ExecuteDelete, raw SQL) ------

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (command.Transaction is null)
        {
            Acquire(command.Connection!, eventData.Context, LeaseKind.Statement);
        }

        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (command.Transaction is null)
        {
            await AcquireAsync(command.Connection!, eventData.Context, LeaseKind.Statement, cancellationToken);
        }

        return result;
    }

    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        ReleaseStatement(eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ReleaseStatement(eventData.Context);

    public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(eventData.Context);
        return Task.CompletedTask;
    }

    public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ReleaseStatement(eventData.Context);

    public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ReleaseStatement(eventData.Context);
        return Task.CompletedTask;
    }

    // --- A connection closed with a transaction still open rolls it back ---------------------

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.Context);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.Context);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(eventData.Context);
        return Task.CompletedTask;
    }

    // --- The lock ----------------------------------------------------------------------------

    private static void Acquire(DbConnection connection, DbContext? context, LeaseKind kind)
    {
        if (context is null || Holds(context))
        {
            return;
        }

        var gate = GateOf(connection);
        if (!gate.Wait(MaxWait))
        {
            throw Busy();
        }

        Leases.AddOrUpdate(context, new Lease(gate, kind));
    }

    private static async ValueTask AcquireAsync(DbConnection connection, DbContext? context, LeaseKind kind, CancellationToken cancellationToken)
    {
        if (context is null || Holds(context))
        {
            return;
        }

        var gate = GateOf(connection);
        if (!await gate.WaitAsync(MaxWait, cancellationToken))
        {
            throw Busy();
        }

        Leases.AddOrUpdate(context, new Lease(gate, kind));
    }

    private static bool Holds(DbContext context) => Leases.TryGetValue(context, out var lease) && lease.Held;

    private static void Release(DbContext? context)
    {
        if (context is not null && Leases.TryGetValue(context, out var lease))
        {
            lease.Release();
        }
    }

    private static void ReleaseStatement(DbContext? context)
    {
        if (context is not null && Leases.TryGetValue(context, out var lease) && lease.Kind == LeaseKind.Statement)
        {
            lease.Release();
        }
    }

    private static SemaphoreSlim GateOf(DbConnection connection)
    {
        var file = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        var key = string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? connection.ConnectionString
            : Path.GetFullPath(file);
        return Files.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }

    // SQLITE_BUSY, as the driver reports a database it could not lock in time.
    private static SqliteException Busy() => new("The database stayed busy: another write did not finish within the wait.", 5);

    private enum LeaseKind
    {
        Transaction,
        Statement,
    }

    private sealed class Lease(SemaphoreSlim gate, LeaseKind kind)
    {
        private int _held = 1;

        public LeaseKind Kind { get; } = kind;

        public bool Held => Volatile.Read(ref _held) == 1;

        public void Release()
        {
            if (Interlocked.Exchange(ref _held, 0) == 1)
            {
                gate.Release();
            }
        }
    }
}
