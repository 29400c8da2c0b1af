using System.Globalization;
using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Calendars;

public sealed record CalendarDto(string Id, string Name, string? ParentId, string TimeZone, IReadOnlyList<int> WorkingWeekdays, string Periods);

public sealed record CalendarDayDto(string Date, bool IsWorkingDay, string Kind, string? Name);

public sealed record CountDto(int Count);

public sealed record DateDto(string Date);

public sealed record InstantDto(string At);

public sealed record MinutesDto(double Minutes);

public sealed record ImportedDto(int Imported);

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
    }

    private static async Task<Ok<List<CalendarDto>>> List(KefuDbContext db, CalendarService calendars, CancellationToken ct)
    {
        var ids = await db.Set<WorkCalendar>().AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.ParentId }).ToListAsync(ct);
        var result = new List<CalendarDto>();
        foreach (var item in ids)
        {
            var compiled = await calendars.GetAsync(item.Id, ct);
            var d = compiled.Definition;
            result.Add(new CalendarDto(d.Id, d.Name, item.ParentId, d.TimeZoneId, d.WorkingWeekdays.Select(w => (int)w).Order().ToArray(), OfficePeriod.Format(d.Periods)));
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
        return TypedResults.Ok(new CalendarDayDto(date, calendar.IsWorkingDay(day.Value), KindName(kind), calendar.NameOf(day.Value)));
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

        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new CountDto(calendar.WorkingDaysBetween(start!.Value, end!.Value)));
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
            return TypedResults.Ok(new DateDto(calendar.AddWorkingDays(start!.Value, count!.Value).ToString(DateFormat, CultureInfo.InvariantCulture)));
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
            return TypedResults.Ok(new InstantDto(at.ToString(InstantFormat, CultureInfo.InvariantCulture)));
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
            return TypedResults.Ok(new MinutesDto(calendar.WorkingTimeBetween(start!.Value, end!.Value).TotalMinutes));
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
        var (imported, problems) = await admin.ImportAsync(id, json, ct);
        if (imported < 0)
        {
            return TypedResults.NotFound();
        }

        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new ImportedDto(imported));
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
