using System.Diagnostics;
using System.Globalization;
using Kefu.Core.Field;

/// <summary>
/// FLD-06's suggestion for one job over 300 technicians (DispatchRanking.Rank, the pure rule the
/// board and the job page call): mean and median of single calls after a warm-up. Target ≤ 5 ms.
/// </summary>
internal static class DispatchRankBench
{
    public static void Run(int technicians = 300, int runs = 2000)
    {
        var random = new Random(13);
        string[] skills = ["打印机", "网络", "服务器", "复印机", "软件", "监控", "门禁"];
        var now = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(8));
        var candidates = Enumerable.Range(0, technicians).Select(i => new TechnicianCandidate(
            $"tech-{i:D4}", $"工程师{i:D4}", (TechnicianState)random.Next(0, 4),
            skills.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray(),
            i % 10 == 0 ? null : new GeoPoint(31.0 + random.NextDouble() * 0.5, 121.2 + random.NextDouble() * 0.6),
            now.AddMinutes(-random.Next(0, 120)), random.Next(0, 6))).ToList();
        var policy = new FieldPolicy();
        var site = new GeoPoint(31.2304, 121.4737);

        for (var i = 0; i < 200; i++)
        {
            DispatchRanking.Rank(skills[i % skills.Length], site, candidates, now, policy);
        }

        var times = new double[runs];
        var best = 0;
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var ranked = DispatchRanking.Rank(skills[i % skills.Length], site, candidates, now, policy);
            times[i] = watch.Elapsed.TotalMilliseconds;
            best += ranked.Count;
        }

        Array.Sort(times);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dispatch-rank: technicians={technicians} runs={runs} mean={times.Average():F3}ms median={times[runs / 2]:F3}ms p99={times[(int)(runs * 0.99)]:F3}ms max={times[^1]:F3}ms (target <= 5 ms; {best / runs} suggestions per call)"));
    }
}
