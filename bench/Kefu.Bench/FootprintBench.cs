using System.Diagnostics;
using System.Globalization;
using Kefu.Web.Tests.Infrastructure;

/// <summary>
/// Issue 14, P5: how fast Kefu is ready from a cold start on SQLite and how much memory it holds,
/// idle and with 200 concurrent users reading lists. A first start creates and seeds the database
/// (demo data) and is stopped; then the process is started again on that database: the time from
/// process start to /health/ready answering is the cold start (a process start on an existing
/// database, as after a reboot or an upgrade). Resident memory comes from /proc (VmRSS, VmHWM).
/// The child process inherits this process's environment, so DOTNET_* runtime settings can be
/// compared by setting them for the benchmark.
/// </summary>
internal static class FootprintBench
{
    private static readonly string[] Reads =
    [
        "/api/customers?pageSize=20", "/api/incidents?pageSize=20", "/api/orders?pageSize=20", "/api/expenses/claims?pageSize=20",
        "/api/visits?pageSize=20", "/api/field/jobs?pageSize=20", "/api/notifications", "/api/deadlines",
    ];

    public static async Task<int> RunAsync(int users, double seconds)
    {
        var data = Directory.CreateTempSubdirectory("kefu-footprint-");
        try
        {
            await using (var first = await KefuProcess.StartAsync(data: data))
            {
                Console.WriteLine(Invariant($"footprint: first start (migrations + demo data) ready in {first.ReadyAfter.TotalSeconds:F1}s"));
            }

            var starts = new List<double>();
            for (var i = 0; i < 2; i++)
            {
                await using var again = await KefuProcess.StartAsync(data: data);
                starts.Add(again.ReadyAfter.TotalSeconds);
            }

            await using var kefu = await KefuProcess.StartAsync(data: data);
            starts.Add(kefu.ReadyAfter.TotalSeconds);
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = kefu.StatusMegabytes("VmRSS");

            string[] people = ["sh.cs", "sh.sup", "sh.coord", "sh.eng1", "bj.cs", "gm", "finance", "csmgr"];
            var clients = new List<HttpClient>();
            foreach (var person in people)
            {
                try
                {
                    clients.Add(await kefu.SignInAsync(person));
                }
                catch (HttpRequestException)
                {
                    // A demo user this release does not have: the others read instead.
                }
            }

            kefu.TryResetPeak();
            var requests = 0;
            var failures = 0;
            var watch = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, users).Select(user => Task.Run(async () =>
            {
                var http = clients[user % clients.Count];
                for (var n = user; watch.Elapsed.TotalSeconds < seconds; n++)
                {
                    using var response = await http.GetAsync(Reads[n % Reads.Length]);
                    await response.Content.ReadAsByteArrayAsync();
                    Interlocked.Increment(ref requests);
                    if (!response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            })));
            var loaded = kefu.StatusMegabytes("VmHWM");
            Console.WriteLine(Invariant(
                $"footprint: cold-start ready={starts.Min():F2}s (of {string.Join(", ", starts.Select(s => s.ToString("F2", CultureInfo.InvariantCulture)))}) idle-rss={idle}MB users={users} requests={requests} rps={requests / watch.Elapsed.TotalSeconds:F0} non-2xx={failures} peak-rss-under-load={loaded}MB"));
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
        finally
        {
            data.Delete(recursive: true);
        }

        return 0;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
