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
        Write(year, date => (YearSheet.ByTheWorkingWeek(date, calendar.Definition.WorkingWeekdays), null));

    private static byte[] Write(int year, Func<DateOnly, (DayKind Kind, string? Name)> day) =>
        Layout.Write(YearSheet.Dates(year), (date, field) => field switch
        {
            "date" => SheetValues.Date(date),
            "weekday" => Text.Get("CalendarSheet.Weekday", Text.Get("Weekday." + date.DayOfWeek)),
            "kind" => SheetValues.Label("DayKind.", day(date).Kind),
            "name" => string.IsNullOrEmpty(day(date).Name) ? null : day(date).Name,
            _ => null,
        });

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
            if (kind is not { } k)
            {
                return Task.CompletedTask;
            }

            if (YearSheet.KindMustAgreeWithTheWorkingWeek(k, d.DayOfWeek, working) is { } problem)
            {
                row.Error("kind", problem, SheetValues.Date(d), Text.Get("CalendarSheet.Weekday", Text.Get("Weekday." + d.DayOfWeek)));
            }
            else if (YearSheet.Dated(d, k, name) is { } dated)
            {
                days.Add(dated);
            }

            return Task.CompletedTask;
        }, ct);
        if (read.Refused is { } refused)
        {
            return (refused, null);
        }

        var errors = read.Errors.ToList();
        var missing = YearSheet.MissingDates(year, seen.Keys.ToHashSet());
        if (missing.Count > 0)
        {
            var listed = string.Join(Text.Get("CalendarSheet.ListSeparator"), missing.Take(MissingListed).Select(SheetValues.Date)) + (missing.Count > MissingListed ? "…" : "");
            errors.Add(new ImportError(null, "date", Text.Get("CalendarSheet.MissingDates", missing.Count, year, listed)));
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
