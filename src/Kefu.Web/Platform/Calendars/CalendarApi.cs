using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Calendars;

/// <summary>A calendar; <c>arrangedYears</c> are the years whose holidays are known (CAL-02), every other year is provisional.</summary>
public sealed record CalendarDto(string Id, string Name, string? ParentId, string TimeZone, IReadOnlyList<int> WorkingWeekdays, string Periods, IReadOnlyList<int> ArrangedYears);

/// <summary>What a date is; <c>provisional</c> when its year has no arrangement (CAL-02) and the kind is the weekly pattern's guess.</summary>
public sealed record CalendarDayDto(string Date, bool IsWorkingDay, string Kind, string? Name, bool Provisional);

/// <summary>
/// Answers counted on a calendar carry <c>provisional</c> and the <c>provisionalYears</c> counted
/// through whose arrangement is missing (CAL-02): the answer may change when they are imported.
/// </summary>
public sealed record CountDto(int Count, bool Provisional, IReadOnlyList<int> ProvisionalYears);

public sealed record DateDto(string Date, bool Provisional, IReadOnlyList<int> ProvisionalYears);

public sealed record InstantDto(string At, bool Provisional, IReadOnlyList<int> ProvisionalYears);

public sealed record MinutesDto(double Minutes, bool Provisional, IReadOnlyList<int> ProvisionalYears);

/// <summary>An import: <c>changed</c> is false when the calendar already had exactly this arrangement; <c>moved</c> open deadlines got a new due time.</summary>
public sealed record ImportedDto(int Imported, int Year, bool Changed, int Recomputed, int Moved);

/// <summary>
/// A year of a calendar (CAL-02): arranged or provisional; <c>source</c> official | import | manual
/// (an administrator's complete entry); <c>inherited</c> when the arrangement is the parent calendar's.
/// </summary>
public sealed record CalendarYearDto(string CalendarId, int Year, bool Arranged, bool Provisional, string? Source, string? ArrangedAt, bool Inherited, int WorkingDays);

/// <summary>A year missing today: <c>which</c> is "current" (the calendar is degraded) or "next" (from the policy's warning day).</summary>
public sealed record MissingArrangementDto(int Year, string Which, IReadOnlyList<string> Calendars);

/// <summary>CAL-02 today: what is missing, from which day next year is announced, and whether the calendar is degraded.</summary>
public sealed record ArrangementStatusDto(string Today, string WarnFrom, bool Degraded, IReadOnlyList<MissingArrangementDto> Missing);

public sealed record CalendarYearInput(bool? Arranged);

public sealed record CalendarDayInput(string? Kind, string? Name);

public sealed record CalendarInput(string? Name, string? ParentId, string? TimeZone, string? WorkingWeekdays, string? Periods);

/// <summary>CAL-01..04 over HTTP. Reads are for any signed-in user; changes for administrators.</summary>
public static class CalendarApi
{
    public const string DateFormat = "yyyy-MM-dd";
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:sszzz";

    public static void MapCalendarApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/calendars").WithTags("Calendars");
        group.MapGet("/", List).WithName("ListCalendars");
        group.MapGet("/{id}/days/{date}", Day).WithName("GetCalendarDay").WithSummary("What a date is: workday, weekend, holiday or makeup.");
        group.MapGet("/{id}/working-days", WorkingDays).WithName("CountWorkingDays").WithSummary("Working days from..to, both included.");
        group.MapGet("/{id}/add-working-days", AddWorkingDays).WithName("AddWorkingDays").WithSummary("The N-th working day after a date.");
        group.MapGet("/{id}/add-working-time", AddWorkingTime).WithName("AddWorkingTime").WithSummary("An instant plus N working minutes.");
        group.MapGet("/{id}/working-time", WorkingTime).WithName("MeasureWorkingTime").WithSummary("Working minutes between two instants.");
        group.MapPost("/{id}/import", Import).RequireWritePolicy(Policies.Administer).WithName("ImportHolidays")
             .WithSummary("Import a year in holiday-cn JSON; re-importing a year replaces it.");
        group.MapPut("/{id}/days/{date}", SetDay).RequireWritePolicy(Policies.Administer).WithName("SetCalendarDay");
        group.MapPut("/{id}", Save).RequireWritePolicy(Policies.Administer).WithName("SaveCalendar")
             .WithSummary("Create or change a calendar; a branch calendar names its parent and inherits what it leaves blank.");
        group.MapGet("/arrangement-status", Status).WithName("GetArrangementStatus")
             .WithSummary("Which years' holiday arrangements are missing today (current year: degraded; next year: from the warning day).");
        group.MapGet("/{id}/years/{year}", Year).WithName("GetCalendarYear").WithSummary("Whether a year is arranged or provisional.");
        group.MapGet("/{id}/years/{year}/export", ExportYear).RequireAuthorization(Policies.Administer).WithName("ExportCalendarYear")
             .WithSummary("PLT-05: the year as an Excel sheet, one row per date with its kind (workday, weekend, holiday, make-up working day) and name; imports back unchanged.");
        group.MapGet("/{id}/years/{year}/import/template", YearTemplate).RequireAuthorization(Policies.Administer).WithName("CalendarYearImportTemplate")
             .WithSummary("PLT-05: every date of the year by the calendar's working week alone, to be marked with holidays and make-up working days.");
        group.MapPost("/{id}/years/{year}/import", ImportYear).RequireWritePolicy(Policies.Administer).DisableAntiforgery().WithName("ImportCalendarYear")
             .WithSummary("PLT-05 / CAL-02: a year from an Excel sheet (multipart 'file'), one row per date. The year is one unit: every date once, kinds agreeing with the working week; "
                          + "on any problem nothing changes and each is reported by row and field. A good sheet arranges the year as a holiday-cn import does.");
        group.MapPut("/{id}/years/{year}", SetYear).RequireWritePolicy(Policies.Administer).WithName("SetCalendarYearArranged")
             .WithSummary("Declare an administrator's own entry of a year complete (arranged: true) or withdraw it; open deadlines are recomputed.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/calendar-policy", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<CalendarPolicy>(CalendarPolicy.Key, ct)))
                .WithName("GetCalendarPolicy");
        settings.MapPut("/calendar-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveCalendarPolicy")
                .WithSummary("CAL-02: the day of the year from which administrators are warned that next year is provisional.");
    }

    private static async Task<Ok<ArrangementStatusDto>> Status(CalendarArrangements arrangements, CancellationToken ct)
    {
        var today = arrangements.Today;
        var policy = await arrangements.PolicyAsync(ct);
        var missing = await arrangements.MissingAsync(ct);
        return TypedResults.Ok(new ArrangementStatusDto(
            today.ToString(DateFormat, CultureInfo.InvariantCulture),
            $"{policy.WarnFromMonth:00}-{policy.WarnFromDay:00}",
            missing.Any(m => m.Which == MissingYear.Current),
            missing.Select(m => new MissingArrangementDto(m.Year, m.Which == MissingYear.Current ? "current" : "next", m.CalendarIds)).ToArray()));
    }

    private static async Task<Results<Ok<CalendarYearDto>, NotFound, ValidationProblem>> Year(string id, string year, CalendarService calendars, CalendarArrangements arrangements, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var value = ParseInt(problems, "year", year, WorkingCalendar.DefaultFirstDate.Year, WorkingCalendar.DefaultLastDate.Year);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var info = (await arrangements.CalendarsAsync(ct)).Single(c => c.Id == id);
        return TypedResults.Ok(YearDto(calendar, info, value!.Value));
    }

    public static CalendarYearDto YearDto(WorkingCalendar calendar, CalendarArrangement info, int year)
    {
        var own = info.Own.GetValueOrDefault(year);
        var arranged = info.ArrangedYears.Contains(year);
        return new CalendarYearDto(info.Id, year, arranged, !arranged, own is null ? null : SourceName(own.Source),
            own is null ? null : new DateTimeOffset(DateTime.SpecifyKind(own.ArrangedAt, DateTimeKind.Utc)).ToString(InstantFormat, CultureInfo.InvariantCulture),
            arranged && own is null, calendar.WorkingDaysBetween(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> ExportYear(string id, string year, CalendarService calendars, CancellationToken ct) =>
        await SheetAsync(id, year, calendars, CalendarSheet.Export, "calendar", ct);

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> YearTemplate(string id, string year, CalendarService calendars, CancellationToken ct) =>
        await SheetAsync(id, year, calendars, CalendarSheet.Template, "calendar-template", ct);

    private static async Task<Results<FileContentHttpResult, NotFound, ValidationProblem>> SheetAsync(
        string id, string year, CalendarService calendars, Func<WorkingCalendar, int, byte[]> write, string fileName, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var value = ParseInt(problems, "year", year, WorkingCalendar.DefaultFirstDate.Year, WorkingCalendar.DefaultLastDate.Year);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        return problems.HasErrors
            ? problems.ToProblem()
            : TypedResults.File(write(calendar, value!.Value), TableExport.XlsxContentType, $"{fileName}-{id}-{value}.xlsx");
    }

    private static async Task<Results<Ok<ImportResult>, NotFound, ValidationProblem>> ImportYear(string id, string year, IFormCollection form, CalendarSheet sheet, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var value = ParseInt(problems, "year", year, WorkingCalendar.DefaultFirstDate.Year, WorkingCalendar.DefaultLastDate.Year);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        if (ImportHandling.File(form, out var missing) is not { } file)
        {
            return missing!.ToProblem();
        }

        await using var stream = file.OpenReadStream();
        return await sheet.ImportAsync(id, value!.Value, stream, ct) is { } imported
            ? ImportHandling.Answer(imported.Outcome).Result switch
            {
                Ok<ImportResult> ok => ok,
                ValidationProblem bad => bad,
                _ => throw new InvalidOperationException(),
            }
            : TypedResults.NotFound();
    }

    private static async Task<Results<Ok<ImportedDto>, NotFound, ValidationProblem>> SetYear(string id, string year, CalendarYearInput input, CalendarAdmin admin, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var value = ParseInt(problems, "year", year, WorkingCalendar.DefaultFirstDate.Year, WorkingCalendar.DefaultLastDate.Year);
        problems.Required("arranged", input.Arranged?.ToString());
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var outcome = await admin.SetArrangedAsync(id, value!.Value, input.Arranged!.Value, ct);
        return outcome is null ? TypedResults.NotFound() : TypedResults.Ok(new ImportedDto(0, outcome.Year, outcome.Changed, outcome.Recomputed, outcome.Moved));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(CalendarPolicy input, PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        foreach (var (field, min, max) in input.Validate())
        {
            problems.Add(field, "Policy.OutOfRange", min, max);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(CalendarPolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    public static string SourceName(ArrangementSource source) => source switch
    {
        ArrangementSource.Official => "official",
        ArrangementSource.Import => "import",
        ArrangementSource.Manual => "manual",
    };

    private static async Task<Ok<List<CalendarDto>>> List(KefuDbContext db, CalendarService calendars, CancellationToken ct)
    {
        var ids = await db.Set<WorkCalendar>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var result = new List<CalendarDto>();
        foreach (var item in ids)
        {
            var compiled = await calendars.GetAsync(item.Id, ct);
            var d = compiled.Definition;
            result.Add(new CalendarDto(d.Id, d.Name, item.ParentId, d.TimeZoneId, d.WorkingWeekdays.Select(w => (int)w).Order().ToArray(), OfficePeriod.Format(d.Periods),
                d.ArrangedYears.Order().ToArray()));
        }

        return TypedResults.Ok(result);
    }

    private static async Task<Results<Ok<CalendarDayDto>, NotFound, ValidationProblem>> Day(string id, string date, CalendarService calendars, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var day = ParseDate(problems, "date", date);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        InRange(problems, calendar, "date", day);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var kind = calendar.KindOf(day!.Value);
        return TypedResults.Ok(new CalendarDayDto(date, calendar.IsWorkingDay(day.Value), KindName(kind), calendar.NameOf(day.Value), !calendar.IsArranged(day.Value.Year)));
    }

    private static async Task<Results<Ok<CountDto>, NotFound, ValidationProblem>> WorkingDays(string id, string? from, string? to, CalendarService calendars, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var start = ParseDate(problems, "from", from);
        var end = ParseDate(problems, "to", to);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        InRange(problems, calendar, "from", start);
        InRange(problems, calendar, "to", end);
        if (start is { } s && end is { } e && s > e)
        {
            problems.Add("to", "Calendar.ToBeforeFrom");
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var years = calendar.ProvisionalYearsBetween(start!.Value, end!.Value);
        return TypedResults.Ok(new CountDto(calendar.WorkingDaysBetween(start.Value, end.Value), years.Count > 0, years));
    }

    private static async Task<Results<Ok<DateDto>, NotFound, ValidationProblem>> AddWorkingDays(string id, string? from, string? days, CalendarService calendars, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var start = ParseDate(problems, "from", from);
        var count = ParseInt(problems, "days", days, -10_000, 10_000);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        InRange(problems, calendar, "from", start);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        try
        {
            var date = calendar.AddWorkingDays(start!.Value, count!.Value);
            var years = calendar.ProvisionalYearsBetween(start.Value, date);
            return TypedResults.Ok(new DateDto(date.ToString(DateFormat, CultureInfo.InvariantCulture), years.Count > 0, years));
        }
        catch (ArgumentOutOfRangeException)
        {
            return problems.Add("days", "Calendar.OutOfRange").ToProblem();
        }
    }

    private static async Task<Results<Ok<InstantDto>, NotFound, ValidationProblem>> AddWorkingTime(string id, string? from, string? minutes, CalendarService calendars, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var start = ParseInstant(problems, "from", from);
        var amount = ParseInt(problems, "minutes", minutes, -10_000_000, 10_000_000);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        try
        {
            var at = calendar.AddWorkingMinutes(start!.Value, amount!.Value);
            var years = calendar.ProvisionalYearsBetween(start.Value, at);
            return TypedResults.Ok(new InstantDto(at.ToString(InstantFormat, CultureInfo.InvariantCulture), years.Count > 0, years));
        }
        catch (ArgumentOutOfRangeException)
        {
            return problems.Add("minutes", "Calendar.OutOfRange").ToProblem();
        }
    }

    private static async Task<Results<Ok<MinutesDto>, NotFound, ValidationProblem>> WorkingTime(string id, string? from, string? to, CalendarService calendars, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var start = ParseInstant(problems, "from", from);
        var end = ParseInstant(problems, "to", to);
        if (await calendars.FindAsync(id, ct) is not { } calendar)
        {
            return TypedResults.NotFound();
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        try
        {
            var minutes = calendar.WorkingTimeBetween(start!.Value, end!.Value).TotalMinutes;
            var years = calendar.ProvisionalYearsBetween(start.Value, end.Value);
            return TypedResults.Ok(new MinutesDto(minutes, years.Count > 0, years));
        }
        catch (ArgumentOutOfRangeException)
        {
            return problems.Add("from", "Calendar.OutOfRange").ToProblem();
        }
    }

    private static async Task<Results<Ok<ImportedDto>, NotFound, ValidationProblem>> Import(string id, HttpRequest request, CalendarAdmin admin, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var json = await reader.ReadToEndAsync(ct);
        var (outcome, problems) = await admin.ImportAsync(id, json, ct);
        if (outcome is null)
        {
            return TypedResults.NotFound();
        }

        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new ImportedDto(outcome.Days, outcome.Year, outcome.Changed, outcome.Recomputed, outcome.Moved));
    }

    private static async Task<Results<NoContent, NotFound, ValidationProblem>> SetDay(string id, string date, CalendarDayInput input, CalendarAdmin admin, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var day = ParseDate(problems, "date", date);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var result = await admin.SetDayAsync(id, day!.Value, input.Kind, input.Name, ct);
        return result is null ? TypedResults.NotFound() : result.HasErrors ? result.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> Save(string id, CalendarInput input, CalendarAdmin admin, CancellationToken ct)
    {
        var problems = await admin.SaveAsync(id, input.Name, input.ParentId, input.TimeZone, input.WorkingWeekdays, input.Periods, ct);
        return problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
    }

    public static string KindName(DayKind kind) => kind switch
    {
        DayKind.Workday => "workday",
        DayKind.Weekend => "weekend",
        DayKind.Holiday => "holiday",
        DayKind.Makeup => "makeup",
    };

    private static DateOnly? ParseDate(ProblemBuilder problems, string field, string? text)
    {
        if (DateOnly.TryParseExact(text, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        problems.Add(field, "Calendar.BadDate", field);
        return null;
    }

    private static DateTimeOffset? ParseInstant(ProblemBuilder problems, string field, string? text)
    {
        // A '+' in a query string arrives as a space unless encoded; take it back.
        var value = text?.Trim().Replace(' ', '+');
        if (value is not null && value.Length > 19 && (value.EndsWith('Z') || value[^6] is '+' or '-')
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return instant;
        }

        problems.Add(field, "Calendar.BadInstant", field);
        return null;
    }

    private static int? ParseInt(ProblemBuilder problems, string field, string? text, int min, int max)
    {
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(field, "Calendar.BadNumber", field, min, max);
        return null;
    }

    private static void InRange(ProblemBuilder problems, WorkingCalendar calendar, string field, DateOnly? date)
    {
        if (date is { } d && (d < calendar.FirstDate || d > calendar.LastDate))
        {
            problems.Add(field, "Calendar.OutOfRange");
        }
    }
}
