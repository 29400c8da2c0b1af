using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record ReportRow(int Id, string Month, string Technician, ResidentReportStatus Status, SatisfactionRating? Rating);

/// <summary>
/// One resident post (FLD-03/09): its technicians, the month's attendance sheet kept by the lead and
/// sent to administration once, and the technicians' monthly reports.
/// </summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
public sealed class ResidentPostModel(ResidentUseCases resident, KefuDbContext db, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class DayForm
    {
        public DateOnly? Date { get; set; }
        public string? TechnicianId { get; set; }
        public AttendanceStatus? Status { get; set; }
        public string? Note { get; set; }
    }

    public sealed class ReportForm
    {
        public string? WorkSummary { get; set; }
        public string? Problems { get; set; }
        public string? Suggestions { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public DayForm Day { get; set; } = new();
    [BindProperty] public ReportForm Report { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public ResidentUseCases.SheetView Sheet { get; private set; } = null!;
    public IReadOnlyList<(string Id, string Name)> Members { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public ReportRow? MyReport { get; private set; }
    public bool CanKeep { get; private set; }
    public bool IsMember { get; private set; }
    public DateOnly Today { get; private set; }
    public DateOnly First { get; private set; }
    public DateOnly Last { get; private set; }
    public bool MonthBegun => First <= Today;
    public string? PreviousMonth => CompanyTime.MonthText(First.AddMonths(-1));
    public string? NextMonth => First.AddMonths(1) <= Today ? CompanyTime.MonthText(First.AddMonths(1)) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) switch
    {
        null => NotFound(),
        false => Redirect($"/field/resident/{Id}"),
        true => Page(),
    };

    /// <summary>FLD-03: the lead (or a dispatcher) records one technician's day.</summary>
    public async Task<IActionResult> OnPostRecordAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var result = await resident.RecordAttendanceAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), Id,
            new AttendanceInput(Day.Date, Day.TechnicianId, Day.Status, Day.Note), ct);
        switch (result)
        {
            case FieldResult<AttendanceEntry>.Ok ok:
                Message = l["Resident.DayRecorded"];
                return Redirect($"/field/resident/{Id}?month={ok.Value.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture)}");
            case FieldResult<AttendanceEntry>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Day));
                break;
            case FieldResult<AttendanceEntry>.Conflict:
                ModelState.AddModelError("Day.Date", l["Resident.SheetClosed"]);
                break;
            default:
                return NotFound();
        }

        Month = Day.Date is { } d ? d.ToString("yyyy-MM", CultureInfo.InvariantCulture) : Month;
        return await LoadAsync(ct) == true ? Page() : NotFound();
    }

    /// <summary>FLD-03: the month's sheet to the administration department, once.</summary>
    public async Task<IActionResult> OnPostSubmitSheetAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        switch (await resident.SubmitSheetAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), Id, Month, ct))
        {
            case FieldResult<AttendanceSheet>.Ok:
                Message = l["Resident.SheetSent"];
                return Redirect($"/field/resident/{Id}?month={Month}");
            case FieldResult<AttendanceSheet>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case FieldResult<AttendanceSheet>.Conflict:
                ModelState.AddModelError(string.Empty, l["Resident.SheetAlreadySent"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) == true ? Page() : NotFound();
    }

    /// <summary>FLD-09: a stationed technician starts the month's report (a draft they then submit).</summary>
    public async Task<IActionResult> OnPostWriteAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var result = await resident.CreateReportAsync(await current.GetViewerAsync(ct), current.UserId!, Id,
            new ReportInput(Month, Report.WorkSummary, Report.Problems, Report.Suggestions, null), ct);
        switch (result)
        {
            case FieldResult<ResidentReport>.Ok ok:
                Message = l["Resident.ReportDraftSaved"];
                return Redirect($"/field/resident/reports/{ok.Value.Id}");
            case FieldResult<ResidentReport>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Report));
                break;
            case FieldResult<ResidentReport>.Conflict:
                ModelState.AddModelError(string.Empty, l["Resident.ReportExists"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) == true ? Page() : NotFound();
    }

    /// <summary>Null: not found; false: a month that cannot be read (the page falls back to this month).</summary>
    private async Task<bool?> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Today = CompanyTime.Today(clock);
        switch (await resident.SheetAsync(viewer, Id, Month, ct))
        {
            case FieldResult<ResidentUseCases.SheetView>.Ok ok:
                Sheet = ok.Value;
                break;
            case FieldResult<ResidentUseCases.SheetView>.Invalid:
                return false;
            default:
                return null;
        }

        Month = Sheet.Month;
        First = CompanyTime.ParseMonth(Month)!.Value;
        Last = First.AddMonths(1).AddDays(-1);
        var post = Sheet.Post;
        var members = await resident.MembersAsync(Id, ct);
        var reports = await resident.VisibleReports(viewer).AsNoTracking().Where(r => r.PostId == Id)
            .OrderByDescending(r => r.Month).ThenBy(r => r.Id).Take(100).ToListAsync(ct);
        var people = members.Append(post.OwnerId).Concat(reports.Select(r => r.OwnerId)).Concat(Sheet.Entries.Select(e => e.RecordedById)).Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Members = members.Select(m => (m, Names.GetValueOrDefault(m, Shown.Nothing))).ToArray();
        var rows = new List<ReportRow>();
        foreach (var r in reports)
        {
            var rating = await resident.RatingAsync(r, ct);
            rows.Add(new ReportRow(r.Id, r.Month, Names.GetValueOrDefault(r.OwnerId, Shown.Nothing), rating is null ? r.Status : ResidentReportStatus.Rated, rating?.Rating));
        }

        Reports = rows;
        IsMember = members.Contains(current.UserId!) && FieldModule.Workers.Any(current.IsInRole);
        MyReport = rows.FirstOrDefault(r => r.Month == Month && reports.Any(x => x.Id == r.Id && x.OwnerId == current.UserId));
        CanKeep = FieldModule.Workers.Any(current.IsInRole) && (post.OwnerId == current.UserId || (FieldModule.CanDispatch(current) && viewer.CanSee(null, post.OrgPath)));
        Day.Date ??= Today < Last ? (Today >= First ? Today : null) : Last;
        return true;
    }
}
