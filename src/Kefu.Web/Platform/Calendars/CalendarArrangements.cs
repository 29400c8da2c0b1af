using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Kefu.Web.Platform.Calendars;

/// <summary>A calendar's arranged years: its own rows (with their source) and all it counts as arranged, inherited ones included.</summary>
public sealed record CalendarArrangement(string Id, string Name, string? ParentId, IReadOnlySet<int> ArrangedYears, IReadOnlyDictionary<int, CalendarYear> Own);

/// <summary>A year missing on the calendars named, as seen today (CAL-02).</summary>
public sealed record MissingArrangementNotice(int Year, MissingYear Which, IReadOnlyList<string> CalendarIds, IReadOnlyList<string> CalendarNames)
{
    public string Link => $"/admin/calendars/{CalendarIds[0]}?year={Year}";
}

/// <summary>
/// CAL-02: which years each calendar knows, and what is missing today by the administrator's
/// policy. Every calendar counts: a branch calendar inherits its parent's arranged years, a
/// calendar of its own (another country's) needs its own.
/// </summary>
public sealed class CalendarArrangements(KefuDbContext db, PolicyStore policies, TimeProvider clock)
{
    public DateOnly Today => CompanyTime.Today(clock);

    public Task<CalendarPolicy> PolicyAsync(CancellationToken ct) => policies.GetAsync<CalendarPolicy>(CalendarPolicy.Key, ct);

    public async Task<IReadOnlyList<CalendarArrangement>> CalendarsAsync(CancellationToken ct)
    {
        var calendars = await db.Set<WorkCalendar>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.ParentId }).ToListAsync(ct);
        var rows = await db.Set<CalendarYear>().AsNoTracking().ToListAsync(ct);
        var parents = calendars.ToDictionary(c => c.Id, c => c.ParentId, StringComparer.Ordinal);
        var result = new List<CalendarArrangement>();
        foreach (var calendar in calendars)
        {
            var chain = new HashSet<string>(StringComparer.Ordinal);
            for (var id = calendar.Id; id is not null && chain.Add(id) && chain.Count <= 10;)
            {
                id = parents.GetValueOrDefault(id);
            }

            result.Add(new CalendarArrangement(calendar.Id, calendar.Name, calendar.ParentId,
                rows.Where(r => chain.Contains(r.CalendarId)).Select(r => r.Year).ToHashSet(),
                rows.Where(r => r.CalendarId == calendar.Id).ToDictionary(r => r.Year)));
        }

        return result;
    }

    /// <summary>What is missing today: the current year wherever it is provisional, next year from the policy's day on.</summary>
    public async Task<IReadOnlyList<MissingArrangementNotice>> MissingAsync(CancellationToken ct)
    {
        var today = Today;
        var policy = await PolicyAsync(ct);
        var calendars = await CalendarsAsync(ct);
        return calendars
            .SelectMany(c => ArrangementReminder.MissingOn(today, c.ArrangedYears.Contains, policy).Select(m => (Missing: m, Calendar: c)))
            .GroupBy(x => x.Missing)
            .OrderBy(g => g.Key.Year)
            .Select(g => new MissingArrangementNotice(g.Key.Year, g.Key.Which, g.Select(x => x.Calendar.Id).ToArray(), g.Select(x => x.Calendar.Name).ToArray()))
            .ToArray();
    }
}

/// <summary>
/// CAL-02: administrators hear of a missing arrangement once a week while it is missing. The row of
/// (year, week) is claimed with the notifications in one transaction, so a second run in the same
/// week, on this node or another, sends nothing.
/// </summary>
public sealed class CalendarReminders(KefuDbContext db, CalendarArrangements arrangements, Notifier notifier, TimeProvider clock, ILogger<CalendarReminders> logger)
{
    public const string NextYearEvent = "CalendarNextYearProvisional";
    public const string CurrentYearEvent = "CalendarYearProvisional";

    /// <summary>Sends this week's reminders not sent yet; the number of reminders sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var missing = await arrangements.MissingAsync(ct);
        if (missing.Count == 0)
        {
            return 0;
        }

        var week = ArrangementReminder.WeekOf(arrangements.Today);
        var admins = await db.Users.AsNoTracking().ActiveHolding(db, Role.SystemAdministrator).Select(u => u.Id).ToListAsync(ct);
        var sent = 0;
        foreach (var notice in missing)
        {
            if (await db.Set<CalendarReminder>().AnyAsync(r => r.Year == notice.Year && r.WeekOf == week, ct))
            {
                continue;
            }

            db.ChangeTracker.Clear();
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.Add(new CalendarReminder { Year = notice.Year, WeekOf = week, SentAt = clock.GetUtcNow().UtcDateTime, Recipients = admins.Count });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node sent this week's reminder first.
                logger.LogInformation("The reminder for {Year} in the week of {Week} was sent by another node", notice.Year, week);
                await tx.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                continue;
            }

            await notifier.EnqueueAsync(new NotificationRequest(
                notice.Which == MissingYear.Current ? CurrentYearEvent : NextYearEvent, admins,
                [notice.Year, string.Join("、", notice.CalendarNames)], notice.Link, nameof(CalendarReminder), notice.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            sent++;
        }

        return sent;
    }
}

/// <summary>CAL-02: the daily look (and one at start-up) for a missing arrangement; at most one reminder a week.</summary>
public sealed class CalendarReminderJob(CalendarReminders reminders) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await reminders.SendDueAsync(cancellationToken);
}

/// <summary>
/// CAL-02: on and after 1 January of a year without its arrangement, readiness reports the calendar
/// as degraded, with the reason: still 200, so the balancer keeps the node serving.
/// </summary>
internal sealed class CalendarHealthCheck(CalendarArrangements arrangements) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = arrangements.Today;
        var missing = (await arrangements.CalendarsAsync(cancellationToken))
            .Where(c => ArrangementReminder.IsDegradedOn(today, c.ArrangedYears.Contains)).Select(c => c.Id).ToArray();
        return missing.Length == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                $"{today.Year} has no holiday arrangement on calendar(s) {string.Join(", ", missing)}; working days follow the weekly pattern and deadlines are provisional until it is imported.");
    }
}
