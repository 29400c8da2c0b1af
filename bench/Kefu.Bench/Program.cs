using System.Diagnostics;
using System.Globalization;
using Kefu.Core.Calendar;

// Benchmarks that print a one-line result each. Usage: dotnet run -c Release --project bench/Kefu.Bench -- calendar
var which = args.Length > 0 ? args[0] : "calendar";
switch (which)
{
    case "calendar":
        CalendarBench.Run();
        return 0;
    case "dispatch-rank":
        // FLD-06: one job's suggestion over N technicians: dispatch-rank [technicians]
        DispatchRankBench.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 300);
        return 0;
    case "dispatch-board":
        // Issue 13: the dispatch board with 2,000 open jobs and 300 technicians, in-process: dispatch-board [sqlite|postgres] [openJobs] [technicians] [closedJobs] [runs]
        return await DispatchBoardBench.RunAsync(args.Length > 1 ? args[1] : "sqlite", Arg(2, 2000), Arg(3, 300), Arg(4, 6000), Arg(5, 30));
    case "import":
        // A load run against a running Kefu: import <baseUrl> [rows] [user] [password]
        return await ImportBench.RunAsync(
            args.Length > 1 ? args[1] : "http://localhost:5000", args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 10_000,
            args.Length > 3 ? args[3] : "sh.sup", args.Length > 4 ? args[4] : "Kefu-demo-2026");
    case "import-memory":
        // Time and peak memory of imports on a Kefu process started here: import-memory [rows] [path to Kefu.Web.dll]
        return await ImportMemoryBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20_000, args.Length > 2 ? args[2] : null);
    case "load":
        // Issue 14, P1: creates through the API of a Kefu process started here: load [sqlite|sqlite-normal|postgres] [seconds] [clients,…] [operation,…]
        return await LoadBench.RunAsync(args.Length > 1 ? args[1] : "sqlite", args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10,
            (args.Length > 3 ? args[3] : "8,32").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
            args.Length > 4 ? args[4].Split(',') : []);
    case "aging":
        // Issue 16: the aging report over N open items, in-process: aging [sqlite|postgres] [openItems] [runs]
        return await AgingBench.RunAsync(args.Length > 1 ? args[1] : "sqlite", Arg(2, 200_000), Arg(3, 20));
    case "perfmonth":
        // Issue 17: the monthly performance run and the ranking page, in-process: perfmonth [sqlite|postgres] [technicians] [jobsEach] [runs]
        return await PerformanceMonthBench.RunAsync(args.Length > 1 ? args[1] : "sqlite", Arg(2, 2000), Arg(3, 100), Arg(4, 30));
    case "footprint":
        // Issue 14, P5: cold start on SQLite, idle memory and memory with N users reading: footprint [users] [seconds]
        return await FootprintBench.RunAsync(Arg(1, 200), args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 15);
    case "npoi-read":
        // Child process of import-memory: the pre-streaming way of opening an upload.
        return ImportMemoryBench.NpoiRead(args[1]);
    default:
        Console.Error.WriteLine($"Unknown benchmark '{which}'. Known: calendar, dispatch-rank, dispatch-board, import, import-memory, load, footprint, aging, perfmonth");
        return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;

/// <summary>
/// Add-working-minutes over random instants in 2025–2026 on the shipped China calendar: the
/// compiled <see cref="WorkingCalendar"/> against the day-by-day <see cref="ReferenceCalendar"/>,
/// measured in the same run on the same inputs.
/// </summary>
internal static class CalendarBench
{
    public static void Run()
    {
        var definition = CalendarDefinition.ChinaDefault("cn", "中国大陆", HolidayCnFile.Official.SelectMany(f => f.Days));
        var optimized = new WorkingCalendar(definition);
        var naive = new ReferenceCalendar(definition);

        var random = new Random(42);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        const int Inputs = 1 << 16;
        var instants = new DateTimeOffset[Inputs];
        var minutes = new int[Inputs];
        for (var i = 0; i < Inputs; i++)
        {
            instants[i] = start.AddSeconds(random.NextInt64(2L * 365 * 24 * 3600));
            minutes[i] = random.Next(1, 20 * 480); // 1 minute to 20 working days: Kefu's deadlines run from minutes (EXC-02) to chained working-day approvals (EXP-05)
        }

        // Same answers first: a fast wrong calendar is worth nothing.
        for (var i = 0; i < 2000; i++)
        {
            if (optimized.AddWorkingMinutes(instants[i], minutes[i]) != naive.AddWorkingMinutes(instants[i], minutes[i]))
            {
                throw new InvalidOperationException($"Mismatch at {instants[i]:O} + {minutes[i]}");
            }
        }

        var fast = Measure("optimized", i => optimized.AddWorkingMinutes(instants[i & (Inputs - 1)], minutes[i & (Inputs - 1)]).UtcTicks, TimeSpan.FromSeconds(3));
        var slow = Measure("naive", i => naive.AddWorkingMinutes(instants[i & (Inputs - 1)], minutes[i & (Inputs - 1)]).UtcTicks, TimeSpan.FromSeconds(3));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"calendar: optimized={fast:F0} naive={slow:F0} ratio={fast / slow:F1}"));
    }

    /// <summary>Operations per second: warm-up, then the best of five timed rounds.</summary>
    private static double Measure(string name, Func<int, long> operation, TimeSpan budget)
    {
        long sink = 0;
        var warm = Stopwatch.StartNew();
        var n = 0;
        while (warm.Elapsed < TimeSpan.FromMilliseconds(300))
        {
            for (var k = 0; k < 1000; k++)
            {
                sink ^= operation(n++);
            }
        }

        // Size rounds to roughly a fifth of the budget each.
        var perOp = warm.Elapsed.TotalSeconds / n;
        var batch = Math.Max(1000, (int)(budget.TotalSeconds / 5 / perOp));
        var best = 0.0;
        for (var round = 0; round < 5; round++)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < batch; i++)
            {
                sink ^= operation(n++);
            }

            best = Math.Max(best, batch / watch.Elapsed.TotalSeconds);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {best:F0} ops/s (batch {batch}, checksum {sink & 0xff})"));
        return best;
    }
}
