using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Kefu.Web.Platform.Observability;

/// <summary>
/// Times every command EF Core sends, on SQLite and PostgreSQL alike (ADR 0012: Microsoft.Data.Sqlite
/// has no meter and EF Core's own meter counts queries without timing them).
/// </summary>
public sealed class DbCommandMetrics(KefuMetrics metrics) : DbCommandInterceptor
{
    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Record(command, eventData, failed: false);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, failed: false);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Record(command, eventData, failed: false);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, failed: false);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Record(command, eventData, failed: false);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, failed: false);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Record(command, eventData, failed: true);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(command, eventData, failed: true);
        return Task.CompletedTask;
    }

    private void Record(DbCommand command, CommandEndEventData eventData, bool failed) =>
        metrics.DatabaseCommand(Provider(eventData.Context?.Database.ProviderName), Operation(command.CommandText), eventData.Duration, failed);

    /// <summary>The semantic-convention names of the two databases Kefu runs on.</summary>
    private static string Provider(string? efProvider) => efProvider switch
    {
        "Microsoft.EntityFrameworkCore.Sqlite" => "sqlite",
        "Npgsql.EntityFrameworkCore.PostgreSQL" => "postgresql",
        _ => "other",
    };

    /// <summary>The statement's first keyword, from a closed list so the label stays small.</summary>
    internal static string Operation(string sql)
    {
        var span = sql.AsSpan().TrimStart();
        var end = 0;
        while (end < span.Length && char.IsAsciiLetter(span[end]))
        {
            end++;
        }

        var word = span[..end];
        foreach (var known in (ReadOnlySpan<string>)["SELECT", "INSERT", "UPDATE", "DELETE"])
        {
            if (word.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return "OTHER";
    }
}
