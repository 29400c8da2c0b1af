using System.Text.Json;
using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Calendars;

/// <summary>What importing or declaring a year did (CAL-02).</summary>
public sealed record ArrangementOutcome(int Year, int Days, bool Changed, int Recomputed, int Moved);

/// <summary>Changes to calendars: import of holiday-cn years, single days, settings, branch calendars.</summary>
public sealed class CalendarAdmin(KefuDbContext db, CalendarService calendars, DeadlineRecompute deadlines, TimeProvider clock, IAuditContext? audit = null)
{
    /// <summary>
    /// CAL-02: imports a holiday-cn file into a calendar; re-importing a year replaces it. The year
    /// becomes arranged, and the open deadlines counted on it are recomputed in the same
    /// transaction. A file identical to the year already arranged changes nothing at all.
    /// Null when the calendar does not exist.
    /// </summary>
    public async Task<(ArrangementOutcome? Outcome, ProblemBuilder Problems)> ImportAsync(string calendarId, string json, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == calendarId, ct))
        {
            return (null, problems);
        }

        HolidayCnFile file;
        try
        {
            file = HolidayCnFile.Parse(json);
        }
        catch (FormatException e)
        {
            problems.Add("body", "Calendar.BadFile", e.Message);
            return (new ArrangementOutcome(0, 0, false, 0, 0), problems);
        }

        if (file.Year < WorkingCalendar.DefaultFirstDate.Year || file.Year > WorkingCalendar.DefaultLastDate.Year)
        {
            problems.Add("body", "Calendar.OutOfRange");
            return (new ArrangementOutcome(file.Year, 0, false, 0, 0), problems);
        }

        return (await ArrangeAsync(calendarId, file, ArrangementSource.Import, ct), problems);
    }

    /// <summary>
    /// CAL-02: the days of <paramref name="file"/>'s year replace the calendar's own days of that year,
    /// the year is arranged, and open deadlines are recomputed; all in one transaction. Other
    /// imports (a spreadsheet of the year's days) come through here too.
    /// </summary>
    public async Task<ArrangementOutcome> ArrangeAsync(string calendarId, HolidayCnFile file, ArrangementSource source, CancellationToken ct)
    {
        var dates = file.Days.Select(d => d.Date).ToArray();
        var first = new DateOnly(file.Year, 1, 1);
        var last = new DateOnly(file.Year, 12, 31);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var old = await db.Set<CalendarDay>()
            .Where(d => d.CalendarId == calendarId && ((d.Date >= first && d.Date <= last) || dates.Contains(d.Date)))
            .ToListAsync(ct);
        var arranged = await db.Set<CalendarYear>().SingleOrDefaultAsync(y => y.CalendarId == calendarId && y.Year == file.Year, ct);
        if (arranged is not null && SameDays(old, file.Days))
        {
            // The same arrangement again: nothing to change, nothing to recompute, nobody to tell.
            return new ArrangementOutcome(file.Year, file.Days.Count, false, 0, 0);
        }

        db.Set<CalendarDay>().RemoveRange(old);
        await db.SaveChangesAsync(ct);
        db.Set<CalendarDay>().AddRange(file.Days.Select(d => new CalendarDay { CalendarId = calendarId, Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name }));
        MarkArranged(arranged, calendarId, file.Year, source);
        await db.SaveChangesAsync(ct);
        var recomputed = await deadlines.RecomputeAsync(calendarId, file.Year, ct);
        db.AddAuditEvent("CalendarImport", nameof(WorkCalendar), calendarId, JsonSerializer.Serialize(new
        {
            year = file.Year, days = file.Days.Count, recomputed = recomputed.Recomputed, moved = recomputed.Moved,
        }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        calendars.Invalidate();
        return new ArrangementOutcome(file.Year, file.Days.Count, true, recomputed.Recomputed, recomputed.Moved);
    }

    /// <summary>
    /// CAL-02: an administrator declares their own entry of a year complete (arranged), or withdraws
    /// that (provisional again); open deadlines are recomputed either way. Null when the calendar
    /// does not exist.
    /// </summary>
    public async Task<ArrangementOutcome?> SetArrangedAsync(string calendarId, int year, bool arranged, CancellationToken ct)
    {
        if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == calendarId, ct))
        {
            return null;
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var row = await db.Set<CalendarYear>().SingleOrDefaultAsync(y => y.CalendarId == calendarId && y.Year == year, ct);
        if ((row is not null) == arranged)
        {
            return new ArrangementOutcome(year, 0, false, 0, 0);
        }

        if (arranged)
        {
            MarkArranged(null, calendarId, year, ArrangementSource.Manual);
        }
        else
        {
            db.Remove(row!);
        }

        await db.SaveChangesAsync(ct);
        var recomputed = await deadlines.RecomputeAsync(calendarId, year, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        calendars.Invalidate();
        return new ArrangementOutcome(year, 0, true, recomputed.Recomputed, recomputed.Moved);
    }

    private void MarkArranged(CalendarYear? row, string calendarId, int year, ArrangementSource source)
    {
        if (row is null)
        {
            row = new CalendarYear { CalendarId = calendarId, Year = year };
            db.Add(row);
        }

        row.Source = source;
        row.ArrangedAt = clock.GetUtcNow().UtcDateTime;
        row.ArrangedBy = audit?.UserName;
    }

    private static bool SameDays(List<CalendarDay> stored, IReadOnlyList<DatedDay> file) =>
        stored.Count == file.Count
        && stored.Select(d => (d.Date, d.IsOffDay, d.Name)).ToHashSet().SetEquals(file.Select(d => (d.Date, d.IsOffDay, d.Name)));

    /// <summary>Sets one date to a holiday, a make-up working day, or back to the weekly pattern (kind "default").</summary>
    public async Task<ProblemBuilder?> SetDayAsync(string calendarId, DateOnly date, string? kind, string? name, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == calendarId, ct))
        {
            return null;
        }

        if (kind is not ("holiday" or "makeup" or "default"))
        {
            problems.Add("kind", "Calendar.BadKind");
        }

        problems.MaxLength("name", name, 50);
        if (problems.HasErrors)
        {
            return problems;
        }

        var day = await db.Set<CalendarDay>().SingleOrDefaultAsync(d => d.CalendarId == calendarId && d.Date == date, ct);
        if (kind == "default")
        {
            if (day is not null)
            {
                db.Remove(day);
            }
        }
        else
        {
            if (day is null)
            {
                day = new CalendarDay { CalendarId = calendarId, Date = date };
                db.Add(day);
            }

            day.IsOffDay = kind == "holiday";
            day.Name = name?.Trim() ?? "";
        }

        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return problems;
    }

    /// <summary>Saves a calendar's own settings (null or blank values inherit) or creates a branch calendar.</summary>
    public async Task<ProblemBuilder> SaveAsync(string id, string? name, string? parentId, string? timeZone, string? weekdays, string? periods, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("id", id).MaxLength("id", id, 32).Required("name", name).MaxLength("name", name, 100);
        timeZone = string.IsNullOrWhiteSpace(timeZone) ? null : timeZone.Trim();
        weekdays = string.IsNullOrWhiteSpace(weekdays) ? null : weekdays.Trim();
        periods = string.IsNullOrWhiteSpace(periods) ? null : periods.Trim();
        parentId = string.IsNullOrWhiteSpace(parentId) ? null : parentId.Trim();
        if (parentId is not null && (parentId == id || !await db.Set<WorkCalendar>().AnyAsync(c => c.Id == parentId, ct)))
        {
            problems.Add("parentId", "Calendar.BadParent");
        }

        if (parentId is null && id != WorkCalendar.DefaultId && (timeZone is null || weekdays is null || periods is null))
        {
            problems.Add("parentId", "Calendar.RootNeedsSettings");
        }

        if (timeZone is not null && !TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out _))
        {
            problems.Add("timeZone", "Org.UnknownTimeZone");
        }

        try
        {
            if (weekdays is not null && CalendarService.ParseWeekdays(weekdays).Count == 0)
            {
                problems.Add("workingWeekdays", "Calendar.BadWeekdays");
            }
        }
        catch (FormatException)
        {
            problems.Add("workingWeekdays", "Calendar.BadWeekdays");
        }

        try
        {
            if (periods is not null)
            {
                var parsed = OfficePeriod.Parse(periods);
                var check = CalendarDefinition.ChinaDefault(id, name ?? id, []) with { Periods = parsed };
                if (parsed.Count == 0 || check.Validate().Count > 0)
                {
                    problems.Add("periods", "Calendar.BadPeriods");
                }
            }
        }
        catch (FormatException)
        {
            problems.Add("periods", "Calendar.BadPeriods");
        }

        if (problems.HasErrors)
        {
            return problems;
        }

        var calendar = await db.Set<WorkCalendar>().SingleOrDefaultAsync(c => c.Id == id, ct);
        if (calendar is null)
        {
            calendar = new WorkCalendar { Id = id.Trim(), Name = name!.Trim() };
            db.Add(calendar);
        }

        calendar.Name = name!.Trim();
        calendar.ParentId = id == WorkCalendar.DefaultId ? null : parentId;
        calendar.TimeZone = timeZone;
        calendar.WorkingWeekdays = weekdays;
        calendar.Periods = periods;
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        return problems;
    }

    /// <summary>
    /// The company calendar with the shipped State Council arrangements, created once (CAL-02). A
    /// database made before years were recorded as arranged gets the shipped years whose days it
    /// still holds recorded as arranged; a shipped year it holds differently stays provisional until
    /// an administrator imports or confirms it.
    /// </summary>
    public static async Task EnsureDefaultAsync(KefuDbContext db, TimeProvider clock, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == WorkCalendar.DefaultId, ct))
        {
            var defaults = CalendarDefinition.ChinaDefault(WorkCalendar.DefaultId, "中国大陆", []);
            db.Add(new WorkCalendar
            {
                Id = WorkCalendar.DefaultId,
                Name = "中国大陆（国务院安排）",
                TimeZone = defaults.TimeZoneId,
                WorkingWeekdays = CalendarService.FormatWeekdays(defaults.WorkingWeekdays),
                Periods = OfficePeriod.Format(defaults.Periods),
            });
            db.AddRange(HolidayCnFile.Official.SelectMany(f => f.Days)
                .Select(d => new CalendarDay { CalendarId = WorkCalendar.DefaultId, Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name }));
            db.AddRange(HolidayCnFile.Official.Select(f => new CalendarYear
            {
                CalendarId = WorkCalendar.DefaultId, Year = f.Year, Source = ArrangementSource.Official, ArrangedAt = now,
            }));
            await db.SaveChangesAsync(ct);
            return;
        }

        var recorded = await db.Set<CalendarYear>().Where(y => y.CalendarId == WorkCalendar.DefaultId).Select(y => y.Year).ToListAsync(ct);
        foreach (var file in HolidayCnFile.Official.Where(f => !recorded.Contains(f.Year)))
        {
            var dates = file.Days.Select(d => d.Date).ToArray();
            var held = await db.Set<CalendarDay>().AsNoTracking()
                .Where(d => d.CalendarId == WorkCalendar.DefaultId && dates.Contains(d.Date))
                .Select(d => new { d.Date, d.IsOffDay }).ToListAsync(ct);
            if (held.Count == file.Days.Count && file.Days.All(f => held.Any(h => h.Date == f.Date && h.IsOffDay == f.IsOffDay)))
            {
                db.Add(new CalendarYear { CalendarId = WorkCalendar.DefaultId, Year = file.Year, Source = ArrangementSource.Official, ArrangedAt = now });
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
