using Kefu.Core.Calendar;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Administration.Pages;

/// <summary>CAL-01/02: a year of a calendar, holidays and make-up days coloured; days editable; holiday-cn upload.</summary>
[Authorize(Policy = Policies.Administer)]
public sealed class CalendarYearModel(
    CalendarService calendars, CalendarAdmin admin, CalendarSheet sheet, CalendarArrangements arrangements, PolicyStore policies, KefuDbContext db, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Largest holiday-cn file accepted; the real ones are a few kilobytes.</summary>
    private const long MaxUploadBytes = 256 * 1024;

    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? Date { get; set; }
    [TempData] public string? Message { get; set; }

    public WorkingCalendar Calendar { get; private set; } = null!;
    public IReadOnlyList<string> Calendars { get; private set; } = [];
    public int WorkingDays { get; private set; }

    /// <summary>CAL-02: the shown year, arranged or provisional, and where its arrangement came from.</summary>
    public CalendarYearDto YearStatus { get; private set; } = null!;

    /// <summary>CAL-02: last year, this year and the next two, for the overview.</summary>
    public IReadOnlyList<CalendarYearDto> NearYears { get; private set; } = [];

    public CalendarPolicy Policy { get; private set; } = new();

    /// <summary>PLT-05: what the last sheet upload found, when it changed nothing.</summary>
    public Platform.Import.ImportResult? SheetResult { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDayAsync(DateOnly? date, string? kind, string? name, CancellationToken ct)
    {
        if (date is null)
        {
            ModelState.AddModelError(string.Empty, l["Calendar.BadDate", "date"]);
        }
        else if (await admin.SetDayAsync(Id ?? WorkCalendar.DefaultId, date.Value, kind, name, ct) is { } problems)
        {
            if (!problems.HasErrors)
            {
                Message = l["Common.Saved"];
                return Redirect($"/admin/calendars/{Id ?? WorkCalendar.DefaultId}?year={Year}&date={date:yyyy-MM-dd}");
            }

            problems.CopyTo(ModelState, "");
        }
        else
        {
            return NotFound();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0 || file.Length > MaxUploadBytes)
        {
            ModelState.AddModelError(string.Empty, l["Calendar.BadFile", l["Calendar.FileSize"]]);
        }
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var (outcome, problems) = await admin.ImportAsync(Id ?? WorkCalendar.DefaultId, await reader.ReadToEndAsync(ct), ct);
            if (outcome is null)
            {
                return NotFound();
            }

            if (!problems.HasErrors)
            {
                Message = outcome.Changed ? l["Calendar.ImportedYear", outcome.Year, outcome.Days, outcome.Moved] : l["Calendar.ImportUnchanged", outcome.Year];
                return Redirect($"/admin/calendars/{Id ?? WorkCalendar.DefaultId}?year={outcome.Year}");
            }

            problems.CopyTo(ModelState, "");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>PLT-05: the year from an Excel sheet; on any problem nothing changes and the problems are listed by row.</summary>
    public async Task<IActionResult> OnPostSheetAsync(IFormFile? file, CancellationToken ct)
    {
        if (Year is not { } year || year < WorkingCalendar.DefaultFirstDate.Year || year > WorkingCalendar.DefaultLastDate.Year)
        {
            return BadRequest();
        }

        var id = Id ?? WorkCalendar.DefaultId;
        ArrangementOutcome? arranged = null;
        var found = true;
        SheetResult = await Platform.Import.ImportHandling.RunOnPageAsync(file, ModelState, async stream =>
        {
            var imported = await sheet.ImportAsync(id, year, stream, ct);
            found = imported is not null;
            arranged = imported?.Arranged;
            return imported?.Outcome ?? new Platform.Import.ImportOutcome.Done(new Platform.Import.ImportResult(0, 0, []));
        });
        if (!found)
        {
            return NotFound();
        }

        if (arranged is { } outcome)
        {
            Message = outcome.Changed ? l["Calendar.ImportedYear", outcome.Year, outcome.Days, outcome.Moved] : l["Calendar.ImportUnchanged", outcome.Year];
            return Redirect($"/admin/calendars/{id}?year={year}");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    /// <summary>CAL-02: the administrator confirms their own entry of the year complete, or withdraws that.</summary>
    public async Task<IActionResult> OnPostArrangedAsync(bool arranged, CancellationToken ct)
    {
        if (Year is not { } year || year < WorkingCalendar.DefaultFirstDate.Year || year > WorkingCalendar.DefaultLastDate.Year)
        {
            return BadRequest();
        }

        var outcome = await admin.SetArrangedAsync(Id ?? WorkCalendar.DefaultId, year, arranged, ct);
        if (outcome is null)
        {
            return NotFound();
        }

        Message = arranged ? l["Calendar.YearConfirmed", year, outcome.Moved] : l["Calendar.YearWithdrawn", year];
        return Redirect($"/admin/calendars/{Id ?? WorkCalendar.DefaultId}?year={year}");
    }

    /// <summary>CAL-02: from which day of the year administrators are warned that next year is provisional.</summary>
    public async Task<IActionResult> OnPostPolicyAsync(int? warnFromMonth, int? warnFromDay, CancellationToken ct)
    {
        var policy = new CalendarPolicy { WarnFromMonth = warnFromMonth ?? 0, WarnFromDay = warnFromDay ?? 0 };
        var problems = policy.Validate();
        foreach (var (field, min, max) in problems)
        {
            ModelState.AddModelError(field, l["Policy.OutOfRange", min, max]);
        }

        if (problems.Count == 0)
        {
            await policies.SaveAsync(CalendarPolicy.Key, policy, User.Identity?.Name, ct);
            Message = l["Common.Saved"];
            return Redirect($"/admin/calendars/{Id ?? WorkCalendar.DefaultId}?year={Year}");
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Id ??= WorkCalendar.DefaultId;
        var calendar = await calendars.FindAsync(Id, ct);
        if (calendar is null)
        {
            return false;
        }

        Calendar = calendar;
        var year = Year ?? clock.GetUtcNow().Year;
        Year = Math.Clamp(year, calendar.FirstDate.Year, calendar.LastDate.Year);
        WorkingDays = calendar.WorkingDaysBetween(new DateOnly(Year.Value, 1, 1), new DateOnly(Year.Value, 12, 31));
        Calendars = await db.Set<WorkCalendar>().AsNoTracking().OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var info = (await arrangements.CalendarsAsync(ct)).Single(c => c.Id == Id);
        YearStatus = CalendarApi.YearDto(calendar, info, Year.Value);
        var thisYear = arrangements.Today.Year;
        NearYears = Enumerable.Range(thisYear - 1, 4).Where(y => y <= calendar.LastDate.Year).Select(y => CalendarApi.YearDto(calendar, info, y)).ToArray();
        Policy = await arrangements.PolicyAsync(ct);
        if (Date is { } d && (d < calendar.FirstDate || d > calendar.LastDate))
        {
            Date = null;
        }

        return true;
    }
}
