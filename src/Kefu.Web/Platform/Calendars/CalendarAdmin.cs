using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Calendars;

/// <summary>Changes to calendars: import of holiday-cn years, single days, settings, branch calendars.</summary>
public sealed class CalendarAdmin(KefuDbContext db, CalendarService calendars)
{
    /// <summary>CAL-02: imports a holiday-cn file into a calendar; re-importing a year replaces it. All or nothing.</summary>
    public async Task<(int Imported, ProblemBuilder Problems)> ImportAsync(string calendarId, string json, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!await db.Set<WorkCalendar>().AnyAsync(c => c.Id == calendarId, ct))
        {
            return (-1, problems);
        }

        HolidayCnFile file;
        try
        {
            file = HolidayCnFile.Parse(json);
        }
        catch (FormatException e)
        {
            problems.Add("body", "Calendar.BadFile", e.Message);
            return (0, problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var dates = file.Days.Select(d => d.Date).ToArray();
        var first = new DateOnly(file.Year, 1, 1);
        var last = new DateOnly(file.Year, 12, 31);
        var old = await db.Set<CalendarDay>()
            .Where(d => d.CalendarId == calendarId && ((d.Date >= first && d.Date <= last) || dates.Contains(d.Date)))
            .ToListAsync(ct);
        db.Set<CalendarDay>().RemoveRange(old);
        await db.SaveChangesAsync(ct);
        db.Set<CalendarDay>().AddRange(file.Days.Select(d => new CalendarDay { CalendarId = calendarId, Date = d.Date, IsOffDay = d.IsOffDay, Name = d.Name }));
        db.AddAuditEvent("CalendarImport", nameof(WorkCalendar), calendarId, $"{{\"year\":{file.Year},\"days\":{file.Days.Count}}}");
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        calendars.Invalidate();
        return (file.Days.Count, problems);
    }

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

    /// <summary>The company calendar with the shipped State Council arrangements, created once.</summary>
    public static async Task EnsureDefaultAsync(KefuDbContext db, CancellationToken ct = default)
    {
        if (await db.Set<WorkCalendar>().AnyAsync(c => c.Id == WorkCalendar.DefaultId, ct))
        {
            return;
        }

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
        await db.SaveChangesAsync(ct);
    }
}
