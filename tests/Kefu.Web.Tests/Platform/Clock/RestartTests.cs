using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>A database of its own for a test that starts and stops Kefu itself.</summary>
public abstract class RestartDatabase(DatabaseKind kind) : IAsyncLifetime
{
    private TestDatabase? _database;

    public DatabaseKind Kind => kind;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        if (kind == DatabaseKind.Postgres && PostgresRequirement.SkipReason is not null)
        {
            return;
        }

        _database = await TestDatabase.CreateAsync(kind);
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

public sealed class SqliteRestartDatabase() : RestartDatabase(DatabaseKind.Sqlite);

public sealed class PostgresRestartDatabase() : RestartDatabase(DatabaseKind.Postgres), IRequiresPostgres;

/// <summary>
/// SLA-02: timers survive a restart and catch up. Kefu is stopped, its clock moves past the timers'
/// due times while it is down, Kefu starts again: the sweep it runs at start fires each timer once,
/// marked late. Kefu's own scheduler runs the sweep; the test waits for that run, not for time.
/// </summary>
public abstract class RestartTests(RestartDatabase database)
{
    [ProviderFact]
    public async Task SLA_02_after_a_restart_each_timer_that_fell_due_while_kefu_was_down_fires_once_marked_late()
    {
        var clock = new ManualClock(ClockApp.Start); // Monday 28 September 2026, 09:00
        var record = "restart-" + Guid.NewGuid().ToString("N")[..8];
        var targets = new[] { SlaTarget.Minutes(5), SlaTarget.WorkingMinutes(60), SlaTarget.WorkingDays(1) };

        await using (var before = new Node(database, clock, sweeps: null))
        {
            await using var scope = before.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "admin");
            for (var i = 0; i < targets.Length; i++)
            {
                await scope.ServiceProvider.GetRequiredService<SlaService>().StartAsync(
                    new StartTimer("RestartCase", $"{record}-{i}", "EXC-02", $"重启 {record}-{i}", targets[i], owner.Id, owner.OrgPath));
            }

            await db.SaveChangesAsync();
        }

        // Kefu is down for three days; every timer falls due meanwhile (the last on Tuesday at 09:00).
        clock.Advance(TimeSpan.FromDays(3));
        var sweeps = new SweepListener();
        await using var after = new Node(database, clock, sweeps);
        _ = after.Services; // starts Kefu: migrations, seeding, then the scheduler with its sweep at start
        await sweeps.FirstRun;

        await using var check = after.Services.CreateAsyncScope();
        var kefu = check.ServiceProvider.GetRequiredService<KefuDbContext>();
        var timers = await kefu.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == "RestartCase").OrderBy(t => t.RecordId).ToListAsync();
        Assert.Equal(targets.Length, timers.Count);
        Assert.All(timers, t =>
        {
            Assert.Equal(clock.GetUtcNow().UtcDateTime, t.BreachedAt);
            Assert.True(t.FiredLate);
        });
        var breaches = await kefu.Set<SlaBreach>().AsNoTracking().Where(b => b.RecordType == "RestartCase").ToListAsync();
        Assert.Equal(timers.Select(t => t.Id).Order(), breaches.Select(b => b.TimerId).Order());
        Assert.All(breaches, b => Assert.True(b.Late));
        Assert.Equal(targets.Length, await kefu.Set<InboxItem>().CountAsync(i => i.EventKey == "SlaBreach" && i.Body.Contains(record)));

        // Once is once: the next sweep fires nothing more.
        Assert.Equal(0, (await check.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None)).Breaches);
        Assert.Equal(targets.Length, await kefu.Set<SlaBreach>().CountAsync(b => b.RecordType == "RestartCase"));
    }

    /// <summary>Completes when Kefu's SLA sweep job has run once.</summary>
    private sealed class SweepListener : IJobListener
    {
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string Name => "test-sla-sweep";

        /// <summary>Only a hang guard bounds the wait: the sweep at start runs within moments.</summary>
        public Task FirstRun => _first.Task.WaitAsync(TimeSpan.FromSeconds(60));

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (jobException is null)
            {
                _first.TrySetResult();
            }
            else
            {
                _first.TrySetException(jobException);
            }

            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Attaches the listener before Kefu's scheduler starts (it is registered ahead of Quartz's hosted service).</summary>
    private sealed class AttachListener(ISchedulerFactory factory, SweepListener listener) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            var scheduler = await factory.GetScheduler(cancellationToken);
            scheduler.ListenerManager.AddJobListener(listener, Matchers.Key(new JobKey("sla-sweep", "kefu")));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Kefu as a whole, jobs on, on the test's database and clock.</summary>
    private sealed class Node(RestartDatabase database, ManualClock clock, SweepListener? sweeps) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // The seeder reads the administrator's password from the environment, as every test app sets it.
            Environment.SetEnvironmentVariable("KEFU_ADMIN_PASSWORD", KefuFactory.AdminPassword);
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", database.Kind.ToString());
            builder.UseSetting("ConnectionStrings:Kefu", database.Database.ConnectionString);
            builder.UseSetting("Kefu:DataDirectory", Path.Combine(TestDatabase.TempRoot, "restart-" + Guid.NewGuid().ToString("N")));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                if (sweeps is not null)
                {
                    services.Insert(0, ServiceDescriptor.Singleton<IHostedService>(sp => new AttachListener(sp.GetRequiredService<ISchedulerFactory>(), sweeps)));
                }
            });
        }
    }
}

public sealed class RestartTestsOnSqlite(SqliteRestartDatabase database) : RestartTests(database), IClassFixture<SqliteRestartDatabase>;

public sealed class RestartTestsOnPostgres(PostgresRestartDatabase database) : RestartTests(database), IClassFixture<PostgresRestartDatabase>;
