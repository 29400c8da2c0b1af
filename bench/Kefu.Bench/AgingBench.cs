using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Receivables;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static System.FormattableString;

/// <summary>
/// Issue 16's speed target: the aging report (AR-08) over 200,000 open items answers in ≤ 300 ms on
/// SQLite and PostgreSQL. The app runs in this process on a fresh database (migrated and demo-seeded
/// as at a first start); then the demo centres get 200 customers, 300 technicians' names and the open
/// invoices (invoice dates over 400 days, a third partly paid, some fully paid and some reversed as
/// noise). Measured as finance (all centres): ReceivablesUseCases.AgingAsync by customer, technician
/// and centre in a fresh DI scope per call, and GET /api/receivables/aging over the in-memory server.
/// </summary>
internal static class AgingBench
{
    private const double TargetMs = 300;
    private const string DemoPassword = "Kefu-demo-2026";

    public static async Task<int> RunAsync(string database, int openItems, int runs)
    {
        Environment.SetEnvironmentVariable("KEFU_ADMIN_PASSWORD", "Bench-admin-2026");
        Environment.SetEnvironmentVariable("KEFU_DEMO_PASSWORD", DemoPassword);
        await using var db = await BenchDatabase.CreateAsync(database);
        var data = Directory.CreateTempSubdirectory("kefu-aging-bench-");
        try
        {
            await using var app = new AgingApp(db.Provider, db.ConnectionString, data.FullName);
            var watch = Stopwatch.StartNew();
            _ = app.Server; // migrations and demo seeding
            var (viewer, asOf) = await SeedAsync(app.Services, openItems);
            Console.WriteLine(Invariant($"aging: {db.Provider}, seeded {openItems} open invoices (plus paid and reversed ones) in {watch.Elapsed.TotalSeconds:F1}s"));

            foreach (var group in new[] { AgingGroup.Customer, AgingGroup.Technician, AgingGroup.Centre })
            {
                ReceivablesUseCases.AgingView? last = null;
                var times = await MeasureAsync(runs, async () =>
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    last = await scope.ServiceProvider.GetRequiredService<ReceivablesUseCases>().AgingAsync(viewer, asOf, group, CancellationToken.None);
                });
                Report($"AgingAsync by {group}", times, runs, Invariant($"rows={last!.Rows.Count} items={last.Rows.Sum(r => r.Items)} total=¥{last.Total.Yuan:N2}"));
            }

            using var http = app.CreateClient();
            using (var login = await http.PostAsJsonAsync("/api/auth/token", new { userName = "finance", password = DemoPassword }))
            {
                login.EnsureSuccessStatusCode();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!);
            }

            long bytes = 0;
            var api = await MeasureAsync(runs, async () =>
            {
                using var response = await http.GetAsync(Invariant($"/api/receivables/aging?asOf={asOf:yyyy-MM-dd}&by=Customer"));
                response.EnsureSuccessStatusCode();
                bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
            });
            Report("GET /api/receivables/aging", api, runs, Invariant($"body={bytes / 1024}KB"));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    private static async Task<double[]> MeasureAsync(int runs, Func<Task> call)
    {
        for (var i = 0; i < 3; i++)
        {
            await call();
        }

        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await call();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static void Report(string what, double[] sorted, int runs, string extra)
    {
        var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.95) - 1)];
        Console.WriteLine(Invariant(
            $"  {what}: runs={runs} mean={sorted.Average():F1}ms p50={sorted[sorted.Length / 2]:F1}ms p95={p95:F1}ms max={sorted[^1]:F1}ms target<={TargetMs:F0}ms {(p95 <= TargetMs ? "MET" : "MISSED")} ({extra})"));
    }

    /// <summary>The bench's data, written through the app's own DbContext in batches; answers finance's scope and the report date.</summary>
    private static async Task<(ScopeViewer Viewer, DateOnly AsOf)> SeedAsync(IServiceProvider services, int openItems)
    {
        var random = new Random(16);
        ScopeViewer viewer;
        DateOnly asOf;
        List<(int Id, string Name, string OrgPath, int CentreId)> customers = [];
        List<string> technicians;
        string recorder;
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            asOf = DateOnly.FromDateTime(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
            var finance = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "finance");
            recorder = finance.Id;
            var roleNames = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == finance.Id select r.Name).ToListAsync();
            var roles = roleNames.Select(n => KefuRoles.TryParse(n, out var role) ? role : (Role?)null).OfType<Role>().ToArray();
            var (centre, branch) = await OrgTree.AnchorsAsync(db, finance.OrgPath, CancellationToken.None);
            viewer = new ScopeViewer(finance.Id, ScopePolicy.Default.ScopeFor(roles), centre, branch);

            // Customers spread over the demo's centres; technicians are names on invoices (the report looks them up).
            var centres = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Centre).Select(u => new { u.Id, u.Path }).ToListAsync();
            for (var i = 0; i < 200; i++)
            {
                var home = centres[i % centres.Count];
                db.Add(new Customer { Number = Invariant($"AGE{i:D5}"), Name = Invariant($"账龄客户{i:D3}"), NameKey = Invariant($"账龄客户{i:D3}"), OrgPath = home.Path, CentreId = home.Id, CreatedAt = DateTime.UtcNow });
            }

            await db.SaveChangesAsync();
            customers = (await db.Set<Customer>().AsNoTracking().Where(c => c.Number.StartsWith("AGE")).Select(c => new { c.Id, c.Name, c.OrgPath, c.CentreId }).ToListAsync())
                .Select(c => (c.Id, c.Name, c.OrgPath, c.CentreId)).ToList();

            technicians = await db.Users.AsNoTracking().OrderBy(u => u.UserName).Select(u => u.Id).Take(300).ToListAsync();
        }

        var number = 0;
        var now = DateTime.UtcNow;
        var total = openItems + openItems / 10; // plus fully paid and reversed ones
        for (var done = 0; done < total;)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var batch = new List<Invoice>();
            for (var i = 0; i < 5_000 && done < total; i++, done++)
            {
                var (id, name, orgPath, centreId) = customers[random.Next(customers.Count)];
                var date = asOf.AddDays(-random.Next(400));
                var monthly = random.Next(3) == 0;
                batch.Add(new Invoice
                {
                    Number = Invariant($"BENCH{++number:D8}"), InvoiceDate = date, AmountFen = random.Next(1_000, 5_000_000), CustomerId = id, CustomerName = name,
                    Settlement = monthly ? InvoiceSettlement.Monthly : InvoiceSettlement.Retail, DueDate = date.AddDays(monthly ? 30 : 9),
                    ExtendedTo = random.Next(50) == 0 ? date.AddDays(60) : null, TechnicianId = random.Next(5) == 0 ? null : technicians[random.Next(technicians.Count)],
                    RecordedById = recorder, RecordedAt = now, OrgPath = orgPath, CentreId = centreId,
                    ReversedAt = i % 20 == 19 ? now : null, ReversalReason = i % 20 == 19 ? "bench" : null,
                });
            }

            db.AddRange(batch);
            await db.SaveChangesAsync();

            // A payment per customer in the batch covering a third of its invoices in part, and some in full (then not open).
            var payments = new List<(Payment Payment, List<(Invoice Invoice, long Fen)> Parts)>();
            foreach (var byCustomer in batch.Where(v => v.ReversedAt is null).GroupBy(v => v.CustomerId))
            {
                var parts = byCustomer.Where((_, k) => k % 3 == 0).Select((v, k) => (Invoice: v, Fen: k % 4 == 0 ? v.AmountFen : v.AmountFen / 2)).ToList();
                if (parts.Count == 0)
                {
                    continue;
                }

                var first = byCustomer.First();
                payments.Add((new Payment
                {
                    CustomerId = byCustomer.Key, CustomerName = first.CustomerName, ReceivedOn = asOf.AddDays(-random.Next(30)), Method = PaymentMethod.Transfer,
                    AmountFen = parts.Sum(p => p.Fen), RecordedById = recorder, RecordedAt = now, OrgPath = first.OrgPath, CentreId = first.CentreId,
                }, parts));
            }

            db.AddRange(payments.Select(p => p.Payment));
            await db.SaveChangesAsync();
            db.AddRange(payments.SelectMany(p => p.Parts.Select(part => new Kefu.Web.Modules.Receivables.PaymentAllocation
            {
                PaymentId = p.Payment.Id, InvoiceId = part.Invoice.Id, AmountFen = part.Fen, EffectiveOn = p.Payment.ReceivedOn, CreatedById = recorder, CreatedAt = now,
            })));
            await db.SaveChangesAsync();
        }

        return (viewer, asOf);
    }

    private sealed class AgingApp(string provider, string connectionString, string dataDirectory) : WebApplicationFactory<ReceivablesUseCases>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Kefu", connectionString);
            builder.UseSetting("Kefu:Demo", "true");
            builder.UseSetting("Kefu:DataDirectory", dataDirectory);
            builder.UseSetting("Kefu:Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", Environment.GetEnvironmentVariable("BENCH_SQL") is null ? "Warning" : "Information");
            builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        }
    }
}
