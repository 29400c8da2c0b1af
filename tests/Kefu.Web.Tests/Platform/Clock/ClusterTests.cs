using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// SLA-02 with several application nodes on one PostgreSQL: each timer fires exactly once when two
/// sweeps claim the same due timers at the same moment, within one process or from two nodes. The
/// race is forced (<see cref="SweepRace"/>) and the clock is the test's: nothing waits on real time.
/// </summary>
public sealed class ClusterTests(PostgresClockApp app) : IClassFixture<PostgresClockApp>
{
    private const int Timers = 8;

    /// <summary>Timers due one minute apart (each sweep takes them in the same order), all due by the time the clock is moved on.</summary>
    private async Task StartTimersAsync(string prefix)
    {
        app.Clock.Set(ClockApp.Start);
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "sh.cs");
            var sla = sp.GetRequiredService<SlaService>();
            for (var i = 0; i < Timers; i++)
            {
                await sla.StartAsync(new StartTimer("ClusterCase", $"{prefix}-{i}", "EXC-02", "集群 " + i, SlaTarget.Minutes(5 + i), owner.Id, owner.OrgPath));
            }

            await db.SaveChangesAsync();
            return 0;
        });
        app.Clock.Advance(TimeSpan.FromMinutes(5 + Timers + 1));
    }

    private Task<(int Breaches, int Inbox)> CountAsync(string prefix) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var breaches = await db.Set<SlaBreach>().CountAsync(b => b.RecordType == "ClusterCase" && b.RecordId.StartsWith(prefix));
            var inbox = await db.Set<InboxItem>().CountAsync(i => i.EventKey == "SlaBreach" && i.Body.Contains(prefix));
            return (breaches, inbox);
        });

    [PostgresFact]
    public async Task SLA_02_two_sweeps_racing_on_one_database_fire_each_timer_once()
    {
        var prefix = "race" + Guid.NewGuid().ToString("N")[..6];
        await StartTimersAsync(prefix);
        var race = new SweepRace(sweeps: 2);
        var settings = new Kefu.Web.Platform.Database.DatabaseSettings(Kefu.Web.Platform.Database.DatabaseProvider.Postgres, app.ConnectionString, TestDatabase.TempRoot);

        // Two sweeps, each with its own context, connection and unit of work, as two nodes' would be.
        async Task<int> SweepAsync()
        {
            await using var db = settings.CreateContext(b => b.UseApplicationServiceProvider(app.Services).AddInterceptors(race));
            var sweeper = new SlaSweeper(db, new Notifier(db, new PolicyStore(db, app.Clock), app.Clock),
                app.Services.GetRequiredService<CalendarService>(), app.Clock,
                app.Services.GetRequiredService<Kefu.Web.Platform.Observability.KefuMetrics>(), NullLogger<SlaSweeper>.Instance);
            return (await sweeper.SweepAsync(CancellationToken.None)).Breaches;
        }

        var fired = await Task.WhenAll(Task.Run(SweepAsync), Task.Run(SweepAsync));

        // Every timer was claimed by both sweeps at the same moment, and fired by one of them.
        Assert.Equal(2 * Timers, race.Claims);
        Assert.Equal(Timers, fired.Sum());
        Assert.Equal((Timers, Timers), await CountAsync(prefix));
    }

    [PostgresFact]
    public async Task SLA_02_two_nodes_sweeping_the_same_due_timers_at_once_fire_each_timer_once()
    {
        var prefix = "node" + Guid.NewGuid().ToString("N")[..6];
        await StartTimersAsync(prefix);
        var race = new SweepRace(sweeps: 2);
        // Two more nodes on the same database: hosts of their own (container, connection pool), on the test's clock.
        await using var node1 = new Node(app.ConnectionString, app.Clock, race);
        await using var node2 = new Node(app.ConnectionString, app.Clock, race);

        static async Task<int> SweepAsync(Node node)
        {
            await using var scope = node.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None)).Breaches;
        }

        var fired = await Task.WhenAll(Task.Run(() => SweepAsync(node1)), Task.Run(() => SweepAsync(node2)));

        Assert.Equal(2 * Timers, race.Claims);
        Assert.Equal(Timers, fired.Sum());
        Assert.Equal((Timers, Timers), await CountAsync(prefix));

        // Later sweeps of either node find nothing left to fire.
        var again = await Task.WhenAll(SweepAsync(node1), SweepAsync(node2));
        Assert.Equal([0, 0], again);
        Assert.Equal((Timers, Timers), await CountAsync(prefix));
    }

    /// <summary>A Kefu node on an existing database, its sweeps run by the test (jobs off), its claims meeting the other node's.</summary>
    private sealed class Node(string connectionString, TimeProvider clock, SweepRace race) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Kefu", connectionString);
            builder.UseSetting("Kefu:DataDirectory", Path.Combine(TestDatabase.TempRoot, "node-" + Guid.NewGuid().ToString("N")));
            builder.UseSetting("Kefu:Jobs:Enabled", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(clock);
                services.ConfigureDbContext<PostgresKefuDbContext>(o => o.AddInterceptors(race));
            });
        }
    }
}
