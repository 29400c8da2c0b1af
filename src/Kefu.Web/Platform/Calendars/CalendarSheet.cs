using Kefu.Core.Calendar;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Localization;
using Microsoft.Extensions.Options;

namespace Kefu.Web.Platform.Calendars;

/// <summary>
/// PLT-05 / CAL-02: a calendar year as a sheet, one row per date with its kind (workday, weekend,
/// holiday, make-up working day) and a name, besides the holiday-cn JSON. The year is one unit:
/// every date of it must be there once, each kind must agree with the calendar's working week
/// (a working Saturday is a make-up day, a Wednesday off a holiday), and on any problem nothing
/// changes. A good sheet arranges the year exactly as a holiday-cn import does
/// (<see cref="CalendarAdmin.ArrangeAsync"/>: the year's days replaced, open deadlines recomputed,
/// one transaction). The export writes the year in the same shape, so export → import round-trips.
/// </summary>
public sealed class CalendarSheet(CalendarService calendars, CalendarAdmin admin, IOptionsSnapshot<SpreadsheetLimits> limits)
{
    public static readonly SheetLayout Layout = new("工作日历", "Calendar",
        new("date", "日期", "Date", Required: true), new("weekday", "星期", "Weekday"), new("kind", "类型", "Kind", Required: true), new("name", "名称", "Name"));

    /// <summary>The longest name a dated day keeps (as on the calendar page).</summary>
    private const int MaxName = 50;

    /// <summary>How many missing dates a message lists before "…".</summary>
    private const int MissingListed = 10;

    private static readonly (DayKind Value, string[] Names)[] KindOptions =
    [
        .. SheetValues.EnumOptions<DayKind>("DayKind."),
        (DayKind.Workday, ["上班", "班"]),
        (DayKind.Weekend, ["休息日", "休"]),
        (DayKind.Holiday, ["法定节假日", "假日", "假期"]),
        (DayKind.Makeup, ["补班", "调休", "makeup workday"]),
    ];

    /// <summary>The year as the calendar has it (holidays, make-up days and their names included).</summary>
    public static byte[] Export(WorkingCalendar calendar, int year) =>
        Write(year, date => (calendar.KindOf(date), calendar.NameOf(date)));

    /// <summary>The template: every date of the year by the calendar's working week alone, to be marked with holidays and make-up days.</summary>
    public static byte[] Template(WorkingCalendar calendar, int year) =>
        Write(year, date => (calendar.Definition.WorkingWeekdays.Contains(date.DayOfWeek) ? DayKind.Workday : DayKind.Weekend, null));

    private static byte[] Write(int year, Func<DateOnly, (DayKind Kind, string? Name)> day)
    {
        var first = new DateOnly(year, 1, 1);
        var dates = Enumerable.Range(0, first.AddYears(1).DayNumber - first.DayNumber).Select(first.AddDays);
        return Layout.Write(dates, (date, field) => field switch
        {
            "date" => SheetValues.Date(date),
            "weekday" => Text.Get("CalendarSheet.Weekday", Text.Get("Weekday." + date.DayOfWeek)),
            "kind" => SheetValues.Label("DayKind.", day(date).Kind),
            "name" => string.IsNullOrEmpty(day(date).Name) ? null : day(date).Name,
            _ => null,
        });
    }

    /// <summary>
    /// Imports <paramref name="year"/> of a calendar from a sheet: the rows read and every problem,
    /// with nothing changed unless there was none; null when the calendar does not exist.
    /// </summary>
    public async Task<(ImportOutcome Outcome, ArrangementOutcome? Arranged)?> ImportAsync(string calendarId, int year, Stream file, CancellationToken ct)
    {
        if (await calendars.FindAsync(calendarId, ct) is not { } calendar)
        {
            return null;
        }

        var working = calendar.Definition.WorkingWeekdays;
        var seen = new Dictionary<DateOnly, int>();
        var days = new List<DatedDay>();
        var read = await SheetImport.ReadAsync(file, limits.Value, Layout, row =>
        {
            var date = row.Date("date");
            var kind = row.Choice("kind", KindOptions);
            var name = row["name"] ?? "";
            if (row["date"] is null)
            {
                row.Error("date", "Validation.FieldRequired", Layout.Header("date"));
            }

            if (row["kind"] is null)
            {
                row.Error("kind", "Validation.FieldRequired", Layout.Header("kind"));
            }

            if (name.Length > MaxName)
            {
                row.Error("name", "Validation.MaxLength", Layout.Header("name"), MaxName);
            }

            if (date is not { } d)
            {
                return Task.CompletedTask;
            }

            if (d.Year != year)
            {
                row.Error("date", "CalendarSheet.OtherYear", SheetValues.Date(d), year);
                return Task.CompletedTask;
            }

            if (seen.TryGetValue(d, out var first))
            {
                row.Error("date", "Import.Duplicate", SheetImport.RowLabel(first));
                return Task.CompletedTask;
            }

            seen[d] = row.Number;
            var weekday = Text.Get("CalendarSheet.Weekday", Text.Get("Weekday." + d.DayOfWeek));
            var workingWeekday = working.Contains(d.DayOfWeek);
            switch (kind)
            {
                case DayKind.Workday when !workingWeekday:
                    row.Error("kind", "CalendarSheet.WorkdayOnRestDay", SheetValues.Date(d), weekday);
                    break;
                case DayKind.Weekend when workingWeekday:
                    row.Error("kind", "CalendarSheet.WeekendOnWorkingDay", SheetValues.Date(d), weekday);
                    break;
                case DayKind.Makeup when workingWeekday:
                    row.Error("kind", "CalendarSheet.MakeupOnWorkingDay", SheetValues.Date(d), weekday);
                    break;
                case DayKind.Holiday:
                    days.Add(new DatedDay(d, true, name));
                    break;
                case DayKind.Makeup:
                    days.Add(new DatedDay(d, false, name));
                    break;
            }

            return Task.CompletedTask;
        }, ct);
        if (read.Refused is { } refused)
        {
            return (refused, null);
        }

        var errors = read.Errors.ToList();
        var start = new DateOnly(year, 1, 1);
        var missing = Enumerable.Range(0, start.AddYears(1).DayNumber - start.DayNumber).Select(start.AddDays).Where(d => !seen.ContainsKey(d)).ToArray();
        if (missing.Length > 0)
        {
            var listed = string.Join(Text.Get("CalendarSheet.ListSeparator"), missing.Take(MissingListed).Select(SheetValues.Date)) + (missing.Length > MissingListed ? "…" : "");
            errors.Add(new ImportError(null, "date", Text.Get("CalendarSheet.MissingDates", missing.Length, year, listed)));
        }

        if (errors.Count > 0)
        {
            // The year is one unit: nothing of it changes.
            return (new ImportOutcome.Done(new ImportResult(read.Rows, 0, errors)), null);
        }

        var arranged = await admin.ArrangeAsync(calendarId, new HolidayCnFile(year, days), ArrangementSource.Import, ct);
        return (new ImportOutcome.Done(new ImportResult(read.Rows, read.Rows, [])), arranged);
    }
}
