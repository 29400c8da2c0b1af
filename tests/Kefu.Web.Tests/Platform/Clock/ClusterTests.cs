using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>
/// SLA-02 with several application nodes on one PostgreSQL: each timer fires exactly once, whether
/// two sweeps race on the same rows or two whole nodes run their clustered Quartz schedulers.
/// </summary>
public sealed class ClusterTests(PostgresClockApp app) : IClassFixture<PostgresClockApp>
{
    private async Task<string[]> StartTimersAsync(int count, SlaTarget target, string prefix)
    {
        var ids = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "sh.cs");
            var sla = sp.GetRequiredService<SlaService>();
            foreach (var id in ids)
            {
                await sla.StartAsync(new StartTimer("ClusterCase", id, "EXC-02", "集群 " + id, target, owner.Id, owner.OrgPath));
            }

            await db.SaveChangesAsync();
            return 0;
        });
        return ids;
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
        app.Clock.Set(ClockApp.Start);
        var prefix = "race" + Guid.NewGuid().ToString("N")[..6];
        await StartTimersAsync(20, SlaTarget.Minutes(5), prefix);
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        // Two nodes' sweeps at the same moment, each with its own connection and unit of work.
        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            Task.Run(() => app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None)))));

        Assert.Equal(20, results.Sum(r => r.Breaches));
        Assert.Equal((20, 20), await CountAsync(prefix));
    }

    [PostgresFact]
    public async Task SLA_02_two_nodes_with_clustered_schedulers_fire_each_timer_once()
    {
        // Two more nodes on the same database, with the real clock and their Quartz jobs every second.
        await using var node1 = new Node(app.ConnectionString);
        await using var node2 = new Node(app.ConnectionString);
        _ = node1.Server;
        _ = node2.Server;

        var prefix = "node" + Guid.NewGuid().ToString("N")[..6];
        await using (var scope = node1.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<KefuDbContext>();
            var owner = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "sh.cs");
            var sla = scope.ServiceProvider.GetRequiredService<SlaService>();
            for (var i = 0; i < 10; i++)
            {
                await sla.StartAsync(new StartTimer("ClusterCase", $"{prefix}-{i}", "EXC-02", "集群 " + i, SlaTarget.Minutes(0), owner.Id, owner.OrgPath));
            }

            await db.SaveChangesAsync();
        }

        var until = DateTime.UtcNow.AddSeconds(45);
        (int Breaches, int Inbox) counts;
        do
        {
            await Task.Delay(500);
            counts = await CountAsync(prefix);
        }
        while (counts.Breaches < 10 && DateTime.UtcNow < until);

        // Give a duplicate the chance to appear before counting for good.
        await Task.Delay(3000);
        Assert.Equal((10, 10), await CountAsync(prefix));
    }

    /// <summary>A Kefu node on an existing database: real clock, jobs on, a sweep every second.</summary>
    private sealed class Node(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:Kefu", connectionString);
            builder.UseSetting("Kefu:DataDirectory", Path.Combine(TestDatabase.TempRoot, "node-" + Guid.NewGuid().ToString("N")));
            builder.UseSetting("Kefu:Jobs:SweepSeconds", "1");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        }
    }
}
