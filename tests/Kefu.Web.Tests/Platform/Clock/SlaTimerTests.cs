using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Kefu.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kefu.Web.Tests.Platform.Clock;

/// <summary>SLA timers on a hand-moved clock: warning, breach, pause/resume, catch-up (SLA-01..04).</summary>
public abstract class SlaTimerTests(ClockApp app)
{
    private async Task<(string Id, string OrgPath)> UserAsync(string userName) =>
        await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            return (user.Id, user.OrgPath);
        });

    private async Task<long> StartAsync(string recordId, SlaTarget target, string owner = "sh.cs", params EscalationTarget[] escalation)
    {
        var (ownerId, path) = await UserAsync(owner);
        return await app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var timer = await sp.GetRequiredService<SlaService>().StartAsync(
                new StartTimer("TestCase", recordId, "EXC-02", "投诉邮件汇报 " + recordId, target, ownerId, path, escalation));
            await db.SaveChangesAsync();
            return timer.Id;
        });
    }

    private Task<(int Warnings, int Breaches)> SweepAsync() =>
        app.InScopeAsync(sp => sp.GetRequiredService<SlaSweeper>().SweepAsync(CancellationToken.None));

    private Task<SlaTimer> TimerAsync(long id) =>
        app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaTimer>().AsNoTracking().SingleAsync(t => t.Id == id));

    private Task<List<InboxItem>> InboxAsync(string userName, string recordId) =>
        app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<KefuDbContext>();
            var id = (await db.Users.SingleAsync(u => u.UserName == userName)).Id;
            return await db.Set<InboxItem>().AsNoTracking().Where(i => i.UserId == id && i.Body.Contains(recordId)).ToListAsync();
        });

    /// <summary>The clock belongs to the class fixture; xunit runs a class's tests one at a time, each from the same start.</summary>
    private async Task Serially(Func<Task> test)
    {
        app.Clock.Set(ClockApp.Start);
        await test();
    }

    [ProviderFact]
    public Task SLA_04_warning_then_breach_notify_owner_and_escalation_once() => Serially(async () =>
    {
        var record = "w-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(record, SlaTarget.Minutes(10), "sh.cs", EscalationTarget.ForRole(Role.CentreSupervisor));

        app.Clock.Advance(TimeSpan.FromMinutes(7));
        await SweepAsync();
        Assert.Null((await TimerAsync(id)).WarnedAt);

        app.Clock.Advance(TimeSpan.FromMinutes(1)); // 80 % of 10 minutes
        await SweepAsync();
        var warned = await TimerAsync(id);
        Assert.NotNull(warned.WarnedAt);
        Assert.Null(warned.BreachedAt);
        Assert.Single(await InboxAsync("sh.cs", record), i => i.EventKey == "SlaWarning");

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await SweepAsync();
        await SweepAsync(); // a second sweep fires nothing again
        var breached = await TimerAsync(id);
        Assert.NotNull(breached.BreachedAt);
        Assert.False(breached.FiredLate);
        Assert.Single(await InboxAsync("sh.cs", record), i => i.EventKey == "SlaBreach");
        // Escalation by role resolves to the record's own centre supervisor only.
        Assert.Single(await InboxAsync("sh.sup", record), i => i.EventKey == "SlaBreach");
        Assert.Empty(await InboxAsync("hz.sup", record));
        var breaches = await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().Where(b => b.TimerId == id).ToListAsync());
        Assert.Single(breaches);
        Assert.Equal("EXC-02", breaches[0].Rule);
    });

    private Task<int> StopAsync(string recordId) =>
        app.InScopeAsync(async sp =>
        {
            var stopped = await sp.GetRequiredService<SlaService>().StopAsync("TestCase", recordId);
            await sp.GetRequiredService<KefuDbContext>().SaveChangesAsync();
            return stopped;
        });

    [ProviderFact]
    public Task SLA_04_a_stop_after_the_due_time_before_any_sweep_is_a_breach_announced_once() => Serially(async () =>
    {
        var record = "l-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(record, SlaTarget.Minutes(5), "sh.cs", EscalationTarget.ForRole(Role.CentreSupervisor));

        // The report goes out 3 minutes late; no sweep ran in between.
        app.Clock.Advance(TimeSpan.FromMinutes(8));
        await StopAsync(record);

        var timer = await TimerAsync(id);
        Assert.Equal(TimerStatus.Stopped, timer.Status);
        Assert.Equal(ClockApp.Start.AddMinutes(8).UtcDateTime, timer.BreachedAt);
        var breach = Assert.Single(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().Where(b => b.TimerId == id).ToListAsync()));
        Assert.Equal(TimeSpan.FromMinutes(3), breach.BreachedAt - breach.DueAt); // how late
        Assert.Single(await InboxAsync("sh.cs", record), i => i.EventKey == "SlaBreach");
        Assert.Single(await InboxAsync("sh.sup", record), i => i.EventKey == "SlaBreach");

        // Nothing fires again: not the sweep, not a second stop.
        await SweepAsync();
        await StopAsync(record);
        Assert.Single(await InboxAsync("sh.cs", record), i => i.EventKey == "SlaBreach");
        Assert.Single(await app.InScopeAsync(sp => sp.GetRequiredService<KefuDbContext>().Set<SlaBreach>().Where(b => b.TimerId == id).ToListAsync()));
    });

    [ProviderFact]
    public Task SLA_04_a_stop_in_time_is_met_and_a_stop_after_a_fired_breach_adds_nothing() => Serially(async () =>
    {
        var met = "m-" + Guid.NewGuid().ToString("N")[..8];
        var metId = await StartAsync(met, SlaTarget.Minutes(5));
        app.Clock.Advance(TimeSpan.FromMinutes(5)); // exactly at the due time: met
        await StopAsync(met);
        Assert.Null((await TimerAsync(metId)).BreachedAt);
        Assert.Empty(await InboxAsync("sh.cs", met));

        var swept = "s-" + Guid.NewGuid().ToString("N")[..8];
        var sweptId = await StartAsync(swept, SlaTarget.Minutes(5));
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        await SweepAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await StopAsync(swept);
        Assert.Equal(ClockApp.Start.AddMinutes(11).UtcDateTime, (await TimerAsync(sweptId)).BreachedAt);
        Assert.Single(await InboxAsync("sh.cs", swept), i => i.EventKey == "SlaBreach");
    });

    [ProviderFact]
    public Task SLA_03_paused_time_does_not_count() => Serially(async () =>
    {
        var record = "p-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(record, SlaTarget.WorkingMinutes(60));
        Assert.Equal(ClockApp.Start.AddMinutes(60).UtcDateTime, (await TimerAsync(id)).DueAt);

        app.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.True(await app.InScopeAsync(async sp =>
        {
            var ok = await sp.GetRequiredService<SlaService>().PauseAsync(id);
            await sp.GetRequiredService<KefuDbContext>().SaveChangesAsync();
            return ok;
        }));

        app.Clock.Advance(TimeSpan.FromMinutes(90)); // waiting for the customer until 11:00
        Assert.Equal((0, 0), await SweepAsync()); // a paused timer never fires
        Assert.True(await app.InScopeAsync(async sp =>
        {
            var ok = await sp.GetRequiredService<SlaService>().ResumeAsync(id);
            await sp.GetRequiredService<KefuDbContext>().SaveChangesAsync();
            return ok;
        }));

        var resumed = await TimerAsync(id);
        Assert.Equal(ClockApp.Start.AddMinutes(150).UtcDateTime, resumed.DueAt); // 11:30: 30 minutes left after 11:00
        app.Clock.Set(ClockApp.Start.AddMinutes(149));
        Assert.Equal(0, (await SweepAsync()).Breaches);
        app.Clock.Set(ClockApp.Start.AddMinutes(150));
        Assert.Equal(1, (await SweepAsync()).Breaches);
    });

    [ProviderFact]
    public Task SLA_03_stopped_timer_never_fires() => Serially(async () =>
    {
        var record = "s-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(record, SlaTarget.Minutes(5));
        await app.InScopeAsync(async sp =>
        {
            var stopped = await sp.GetRequiredService<SlaService>().StopAsync("TestCase", record);
            await sp.GetRequiredService<KefuDbContext>().SaveChangesAsync();
            return stopped;
        });
        app.Clock.Advance(TimeSpan.FromHours(1));
        await SweepAsync();
        var timer = await TimerAsync(id);
        Assert.Equal(TimerStatus.Stopped, timer.Status);
        Assert.Null(timer.BreachedAt);
    });

    [ProviderFact]
    public Task SLA_02_a_breach_swept_long_after_its_due_time_fires_once_marked_late() => Serially(async () =>
    {
        // The restart itself (Kefu stopped, started again, its start-up sweep) is RestartTests'.
        var record = "l-" + Guid.NewGuid().ToString("N")[..8];
        var id = await StartAsync(record, SlaTarget.WorkingDays(1));
        app.Clock.Advance(TimeSpan.FromDays(3));
        var (_, breaches) = await SweepAsync();
        Assert.True(breaches >= 1);
        var timer = await TimerAsync(id);
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, timer.BreachedAt);
        Assert.True(timer.FiredLate);
        await SweepAsync();
        Assert.Single(await InboxAsync("sh.cs", record), i => i.EventKey == "SlaBreach");
    });

    [ProviderFact]
    public Task SLA_01_deadlines_api_lists_my_due_soon_and_breached_timers() => Serially(async () =>
    {
        var record = "d-" + Guid.NewGuid().ToString("N")[..8];
        await StartAsync(record, SlaTarget.Minutes(10));
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        using var cs = await app.ClientFor("sh.cs");
        var soon = await cs.GetStringAsync("/api/sla/deadlines?state=soon");
        Assert.Contains(record, soon, StringComparison.Ordinal);

        using var timers = await cs.GetAsync($"/api/sla/timers?recordType=TestCase&recordId={record}");
        Assert.Contains("\"state\":\"Warning\"", await timers.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // ORG-03: a supervisor of another centre does not see this record's timers.
        using var hz = await app.ClientFor("hz.sup");
        Assert.DoesNotContain(record, await hz.GetStringAsync($"/api/sla/timers?recordType=TestCase&recordId={record}"), StringComparison.Ordinal);
        Assert.DoesNotContain(record, await hz.GetStringAsync("/api/sla/deadlines?state=all&scope=team"), StringComparison.Ordinal);
        using var sh = await app.ClientFor("sh.sup");
        Assert.Contains(record, await sh.GetStringAsync("/api/sla/deadlines?state=all&scope=team"), StringComparison.Ordinal);
    });
}

public sealed class SlaTimerTestsOnSqlite(SqliteClockApp app) : SlaTimerTests(app), IClassFixture<SqliteClockApp>;

public sealed class SlaTimerTestsOnPostgres(PostgresClockApp app) : SlaTimerTests(app), IClassFixture<PostgresClockApp>;
