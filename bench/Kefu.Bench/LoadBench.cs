using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

/// <summary>
/// Issue 14, P1: creating an incident (a phone complaint with its report sent), a customer and an
/// expense claim through the HTTP API of a Kefu process started here (Release build, fresh demo
/// database), by 8 and 32 concurrent clients, each sending its next request as soon as the last one
/// answered. Beside each figure, the raw limit of the same database in the same run: one row per
/// commit through the ADO.NET driver (SQLite: one connection, the same journal and synchronous
/// settings Kefu uses, in the same directory; PostgreSQL: as many connections as clients, like
/// pgbench's insert-only script). Prints one line per operation and client count.
/// </summary>
internal static class LoadBench
{
    private static readonly string[] Operations = ["create-incident", "create-customer", "create-claim"];

    public static async Task<int> RunAsync(string database, double seconds, int[] clientCounts, string[] operations)
    {
        operations = operations.Length == 0 ? Operations : operations;
        // "sqlite" runs Kefu's default (synchronous=FULL), "sqlite-normal" sets Database:SqliteSynchronous=Normal.
        var synchronous = database.StartsWith("sqlite", StringComparison.OrdinalIgnoreCase)
            ? (database.EndsWith("-normal", StringComparison.OrdinalIgnoreCase) ? "NORMAL" : "FULL")
            : null;
        await using var db = await BenchDatabase.CreateAsync(synchronous is null ? database : "sqlite");
        var environment = new Dictionary<string, string>();
        if (synchronous == "NORMAL")
        {
            environment["Database__SqliteSynchronous"] = "Normal";
        }

        if (db.Provider == "Postgres")
        {
            environment["Database__Provider"] = "Postgres";
            environment["ConnectionStrings__Kefu"] = db.ConnectionString;
        }

        await using var kefu = await KefuProcess.StartAsync(environment);
        Console.WriteLine(Invariant($"load: Kefu ({db.Provider}) ready in {kefu.ReadyAfter.TotalSeconds:F1}s, rss={kefu.StatusMegabytes("VmRSS")}MB"));
        using var specialist = await kefu.SignInAsync("sh.cs");
        using var engineer = await kefu.SignInAsync("sh.eng1");

        foreach (var clients in clientCounts)
        {
            var limit = db.Provider == "Sqlite"
                ? RawSqliteInserts(kefu.Data.FullName, synchronous!, TimeSpan.FromSeconds(Math.Min(seconds, 3)))
                : await RawPostgresInsertsAsync(db.ConnectionString, clients, TimeSpan.FromSeconds(Math.Min(seconds, 3)));
            foreach (var operation in operations)
            {
                var client = operation == "create-claim" ? engineer : specialist;
                Func<int, int, HttpRequestMessage> request = operation switch
                {
                    "create-incident" => Incident,
                    "create-customer" => Customer,
                    "create-claim" => Claim,
                    _ => throw new ArgumentException($"Unknown operation '{operation}'. Known: {string.Join(", ", Operations)}"),
                };

                // Warm-up (JIT, pools), then the measured run.
                await DriveAsync(client, request, clients, TimeSpan.FromSeconds(1), 1_000_000);
                var result = await DriveAsync(client, request, clients, TimeSpan.FromSeconds(seconds), 2_000_000);
                Console.WriteLine(Invariant(
                    $"load: {operation} db={db.Provider.ToLowerInvariant()} clients={clients} requests={result.Count} rps={result.Rps:F0} p50={result.P50:F1}ms p99={result.P99:F1}ms errors={result.Errors} limit={limit:F0}/s{(synchronous is null ? "" : " synchronous=" + synchronous)} of-limit={100 * result.Rps / limit:F0}%"));
                if (result.FirstError is not null)
                {
                    Console.WriteLine("  first error: " + result.FirstError);
                }
            }
        }

        Console.WriteLine(Invariant($"load: rss after load={kefu.StatusMegabytes("VmRSS")}MB peak={kefu.StatusMegabytes("VmHWM")}MB"));
        return 0;
    }

    private static HttpRequestMessage Incident(int client, int n)
    {
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        return new HttpRequestMessage(HttpMethod.Post, "/api/incidents")
        {
            Content = JsonContent.Create(new
            {
                type = "CustomerComplaint", customerName = Invariant($"压测客户{client}-{n}"), summary = "客户来电：冷藏货物到达时温度超标，要求赔偿并说明原因",
                receivedAt = now, phoneCallTo = "赵主任", phoneCallAt = now, sendReport = true,
            }),
        };
    }

    private static HttpRequestMessage Customer(int client, int n) => new(HttpMethod.Post, "/api/customers")
    {
        Content = JsonContent.Create(new { name = Invariant($"压测客户{Environment.ProcessId}-{client}-{n}"), phone = "13800138000", confirmDuplicate = true }),
    };

    private static HttpRequestMessage Claim(int client, int n)
    {
        var yesterday = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new HttpRequestMessage(HttpMethod.Post, "/api/expenses/claims")
        {
            Content = JsonContent.Create(new
            {
                lines = new[] { new { date = yesterday, category = "CityTransport", amount = 36.5m, receiptCount = 1, description = Invariant($"上门维修往返出租车 {client}-{n}"), workOrders = "WX-20261130-07" } },
                hasTravelSummary = false,
            }),
        };
    }

    private sealed record Result(int Count, double Rps, double P50, double P99, int Errors, string? FirstError);

    private static async Task<Result> DriveAsync(HttpClient http, Func<int, int, HttpRequestMessage> request, int clients, TimeSpan duration, int numbering)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var mine = latencies[client] = new List<double>(4096);
            var n = numbering;
            while (watch.Elapsed < duration)
            {
                using var message = request(client, n++);
                var started = Stopwatch.GetTimestamp();
                using var response = await http.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!response.IsSuccessStatusCode && Interlocked.Increment(ref errors) == 1)
                {
                    firstError = Invariant($"{(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}");
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(all.Length, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), errors, firstError);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>Rows per second, one row per commit, one connection, WAL, in <paramref name="directory"/>.</summary>
    private static double RawSqliteInserts(string directory, string synchronous, TimeSpan duration)
    {
        var file = Path.Combine(directory, "raw-limit.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, $"PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, at TEXT NOT NULL, payload TEXT NOT NULL);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (at, payload) VALUES ($at, $payload)";
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        var payload = insert.Parameters.Add("$payload", SqliteType.Text);
        payload.Value = new string('客', 120);
        var rows = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            at.Value = DateTimeOffset.UtcNow.ToString("O");
            insert.ExecuteNonQuery(); // autocommit: one transaction, one WAL sync per row
            rows++;
        }

        var rate = rows / watch.Elapsed.TotalSeconds;
        connection.Close();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(file + suffix);
        }

        return rate;
    }

    /// <summary>Rows per second over <paramref name="connections"/> connections, one row per commit (pgbench-like insert-only load).</summary>
    private static async Task<double> RawPostgresInsertsAsync(string connectionString, int connections, TimeSpan duration)
    {
        await using (var setup = new NpgsqlConnection(connectionString))
        {
            await setup.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS raw_limit (id bigserial PRIMARY KEY, at timestamptz NOT NULL, payload text NOT NULL)", setup);
            await create.ExecuteNonQueryAsync();
        }

        var rows = 0L;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("INSERT INTO raw_limit (at, payload) VALUES ($1, $2)", connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow });
            insert.Parameters.Add(new NpgsqlParameter { Value = new string('客', 120) });
            await insert.PrepareAsync();
            while (watch.Elapsed < duration)
            {
                insert.Parameters[0].Value = DateTimeOffset.UtcNow;
                await insert.ExecuteNonQueryAsync();
                Interlocked.Increment(ref rows);
            }
        }));
        var rate = rows / watch.Elapsed.TotalSeconds;
        await using (var cleanup = new NpgsqlConnection(connectionString))
        {
            await cleanup.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP TABLE raw_limit", cleanup);
            await drop.ExecuteNonQueryAsync();
        }

        return rate;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
