using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// Makes sweeps race for certain: every claim of a timer (the UPDATE of its row) waits until the
/// other sweep reaches its own claim, so both have read the same row before either writes, and the
/// concurrency token alone decides which one fires it (SLA-02).
/// </summary>
public sealed class SweepRace(int sweeps) : DbCommandInterceptor
{
    private readonly object _gate = new();
    private TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _arrived;
    private int _claims;

    /// <summary>Claims that met the other sweep's claim of the same moment.</summary>
    public int Claims => Volatile.Read(ref _claims);

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await MeetAsync(command);
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        await MeetAsync(command);
        return result;
    }

    private Task MeetAsync(DbCommand command)
    {
        if (!command.CommandText.Contains("UPDATE \"SlaTimers\"", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        Task all;
        lock (_gate)
        {
            all = _all.Task;
            if (++_arrived == sweeps)
            {
                _arrived = 0;
                _claims += sweeps;
                var met = _all;
                _all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                met.SetResult();
            }
        }

        // Only a hang guard: the other sweep arrives within milliseconds, or the test fails saying so.
        return all.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
