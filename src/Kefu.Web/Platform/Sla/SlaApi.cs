using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Sla;

/// <summary>
/// A deadline as the API and pages show it. <c>Provisional</c> (CAL-02): the due time was counted
/// through a year whose holiday arrangement is missing (<c>provisionalReason</c> "yearNotArranged",
/// the years in <c>provisionalYears</c>), or the timer fired on such a due time before the
/// arrangement came ("firedOnProvisionalDueTime").
/// </summary>
/// <c>Name</c> is in the caller's language; <c>nameKey</c> is the resource key it was written from
/// (null for deadlines started before names were kept as keys).
public sealed record TimerDto(
    long Id, string RecordType, string RecordId, string Rule, string Name, string? OwnerId, string Unit, int Amount,
    string StartedAt, string DueAt, string WarnAt, string Status, string State, bool Breached, bool FiredLate, string? BreachedAt, string? Link,
    bool Provisional = false, string? ProvisionalReason = null, IReadOnlyList<int>? ProvisionalYears = null, string? NameKey = null);

/// <summary>SLA-01: a record's timers, and my (or my centre's) deadlines that are due soon or breached.</summary>
public static class SlaApi
{
    public static void MapSlaApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/sla").WithTags("Deadlines");
        group.MapGet("/timers", ForRecord).WithName("ListRecordTimers").WithSummary("The timers of one record (recordType, recordId).");
        group.MapGet("/deadlines", Deadlines).WithName("ListDeadlines")
             .WithSummary("Open deadlines: mine, or my scope's (scope=team); state=soon|due|breached|all (due: before the end of the next working day).");
    }

    private static async Task<Results<Ok<List<TimerDto>>, ValidationProblem>> ForRecord(
        string? recordType, string? recordId, KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("recordType", recordType).Required("recordId", recordId);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var viewer = await current.GetViewerAsync(ct);
        var timers = await db.Set<SlaTimer>().AsNoTracking().VisibleTo(viewer)
            .Where(t => t.RecordType == recordType && t.RecordId == recordId).OrderBy(t => t.StartedAt).ToListAsync(ct);
        return TypedResults.Ok(await ToDtosAsync(timers, calendars, clock, ct));
    }

    /// <summary>The columns the deadlines API sorts on, before its 500-row cut; due first when none is asked for.</summary>
    public static readonly SortMap<SlaTimer> DeadlineSorts = new SortMap<SlaTimer>(q => q.OrderBy(t => t.DueAt).ThenBy(t => t.Id), q => q.ThenBy(t => t.Id))
        .Add("due", t => t.DueAt).Add("started", t => t.StartedAt).Add("warn", t => t.WarnAt).Add("rule", t => t.Rule)
        .Add("recordType", t => t.RecordType).Add("status", t => t.Status);

    private static async Task<Results<Ok<List<TimerDto>>, ValidationProblem>> Deadlines(
        string? state, string? scope, string? sort, string? dir, KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock, CancellationToken ct)
    {
        if (state is not (null or "soon" or "due" or "breached" or "all") || scope is not (null or "mine" or "team"))
        {
            return new ProblemBuilder().Add(state is not (null or "soon" or "due" or "breached" or "all") ? "state" : "scope", "Sla.BadFilter").ToProblem();
        }

        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, DeadlineSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var viewer = await current.GetViewerAsync(ct);
        // RPT-01: "due" runs to the end of the next working day on the caller's calendar, as on the page.
        var dueBefore = state == "due" ? await Dashboard.DashboardTime.DueSoonCutoffUtcAsync(calendars, db, viewer.CentrePath, clock.GetUtcNow(), ct) : (DateTime?)null;
        var timers = await DeadlineSorts.Apply(DeadlineQuery(db, viewer, state ?? "all", scope == "team", clock, dueBefore), order).Take(500).ToListAsync(ct);
        return TypedResults.Ok(await ToDtosAsync(timers, calendars, clock, ct));
    }

    /// <summary>
    /// Open deadlines for the "My deadlines" page, the API and the dashboard; due first. State "due"
    /// (RPT-01) is what runs out before <paramref name="dueBefore"/>, the end of the next working day;
    /// <paramref name="breachedSince"/> keeps the breaches from that instant on.
    /// </summary>
    public static IQueryable<SlaTimer> DeadlineQuery(KefuDbContext db, ScopeViewer viewer, string state, bool team, TimeProvider clock,
        DateTime? dueBefore = null, DateTime? breachedSince = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var query = db.Set<SlaTimer>().AsNoTracking().Where(t => t.Status != TimerStatus.Stopped);
        query = team ? query.VisibleTo(viewer) : query.Where(t => t.OwnerId == viewer.UserId);
        var before = dueBefore ?? now;
        query = state switch
        {
            "soon" => query.Where(t => t.BreachedAt == null && t.WarnAt <= now),
            "due" => query.Where(t => t.BreachedAt == null && t.Status == TimerStatus.Running && t.DueAt > now && t.DueAt < before),
            "breached" => query.Where(t => t.BreachedAt != null || (t.Status == TimerStatus.Running && t.DueAt <= now)),
            _ => query,
        };
        if (state == "breached" && breachedSince is { } since)
        {
            query = query.Where(t => (t.BreachedAt ?? t.DueAt) >= since);
        }

        return query.OrderBy(t => t.DueAt);
    }

    public static async Task<List<TimerDto>> ToDtosAsync(IEnumerable<SlaTimer> timers, CalendarService calendars, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var result = new List<TimerDto>();
        foreach (var t in timers)
        {
            var calendar = await calendars.FindAsync(t.CalendarId, ct) ?? await calendars.GetAsync(WorkCalendar.DefaultId, ct);
            string Local(DateTime utc) => calendar.ToCalendarTime(SlaService.Utc(utc)).ToString(CalendarApi.InstantFormat, System.Globalization.CultureInfo.InvariantCulture);
            var (provisional, reason, years) = ProvisionalOf(t, calendar);
            result.Add(new TimerDto(
                t.Id, t.RecordType, t.RecordId, t.Rule, Localization.LocalText.Show(t.Name), t.OwnerId, t.Unit.ToString(), t.Amount,
                Local(t.StartedAt), Local(t.DueAt), Local(t.WarnAt), t.Status.ToString(), StateOf(t, now).ToString(),
                t.BreachedAt is not null || (t.Status == TimerStatus.Running && SlaService.Utc(t.DueAt) <= now), t.FiredLate,
                t.BreachedAt is { } b ? Local(b) : null, t.Link, provisional, reason, years, Localization.LocalText.KeyOf(t.Name)));
        }

        return result;
    }

    public const string YearNotArranged = "yearNotArranged";
    public const string FiredOnProvisionalDueTime = "firedOnProvisionalDueTime";

    /// <summary>
    /// CAL-02, read against the calendar as it is now: a due time counted through a year still not
    /// arranged is provisional; one that fired while provisional keeps that mark after the import.
    /// </summary>
    public static (bool Provisional, string? Reason, IReadOnlyList<int> Years) ProvisionalOf(SlaTimer t, Kefu.Core.Calendar.WorkingCalendar calendar)
    {
        var years = Kefu.Core.Sla.SlaClock.ProvisionalYears(SlaService.Utc(t.StartedAt), SlaService.Utc(t.DueAt), t.Target, calendar);
        if (years.Count > 0)
        {
            return (true, YearNotArranged, years);
        }

        if (t.Provisional && t.BreachedAt is not null)
        {
            // The years it was counted through; which of them lacked the arrangement then is history.
            var from = calendar.ToCalendarTime(SlaService.Utc(t.StartedAt)).Year;
            var to = calendar.ToCalendarTime(SlaService.Utc(t.DueAt)).Year;
            return (true, FiredOnProvisionalDueTime, Enumerable.Range(from, Math.Max(1, to - from + 1)).ToArray());
        }

        return (false, null, []);
    }

    public static Kefu.Core.Sla.SlaState StateOf(SlaTimer t, DateTimeOffset now) => t.Status switch
    {
        TimerStatus.Stopped => Kefu.Core.Sla.SlaState.Stopped,
        TimerStatus.Paused => Kefu.Core.Sla.SlaState.Paused,
        TimerStatus.Running => t.BreachedAt is not null ? Kefu.Core.Sla.SlaState.Breached : Kefu.Core.Sla.SlaClock.StateAt(now, SlaService.Utc(t.WarnAt), SlaService.Utc(t.DueAt)),
    };

    internal static bool IsTeamViewer(ScopeViewer viewer) => viewer.Scope >= DataScope.Centre;
}
