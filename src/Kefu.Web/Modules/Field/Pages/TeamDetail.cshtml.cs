using System.Globalization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>
/// A team project (FLD-04): the plan, team and tasks; the leader starts it, files the daily report
/// before its clock runs out, members record devices, and the summary goes to the customer with the survey link.
/// </summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
public sealed class TeamDetailModel(TeamUseCases teams, KefuDbContext db, CurrentUser current, CalendarService calendars, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class DailyForm
    {
        public DateOnly? Date { get; set; }
        public int? ProgressPercent { get; set; }
        public string? WorkDone { get; set; }
        public string? Problems { get; set; }
    }

    public sealed class DeviceForm
    {
        public string? Model { get; set; }
        public string? SerialNumber { get; set; }
        public int? Quantity { get; set; } = 1;
        public string? Location { get; set; }
        public string? Note { get; set; }
    }

    public sealed class FinishForm
    {
        public string? WorkDone { get; set; }
        public string? Summary { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public DailyForm Daily { get; set; } = new();
    [BindProperty] public DeviceForm Device { get; set; } = new();
    [BindProperty] public FinishForm Finish { get; set; } = new();
    [TempData] public string? Message { get; set; }

    /// <summary>The survey link just sent with the summary, shown once to copy.</summary>
    [TempData] public string? Link { get; set; }

    public ProjectDto Project { get; private set; } = null!;
    public IReadOnlyList<TeamDailyReport> DailyReports { get; private set; } = [];
    public IReadOnlyList<TeamDevice> Devices { get; private set; } = [];
    public TimerDto? NextReport { get; private set; }
    public int LateReports { get; private set; }
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public bool CanLead { get; private set; }
    public bool CanRecordDevices { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        switch (await teams.StartAsync(await current.GetViewerAsync(ct), FieldModule.CanDispatch(current), Id, ct))
        {
            case FieldResult<TeamProject>.Ok:
                Message = l["Team.Started"];
                return Redirect($"/field/teams/{Id}");
            case FieldResult<TeamProject>.Conflict:
                ModelState.AddModelError(string.Empty, l["Team.WrongStatus"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDailyAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var result = await teams.DailyReportAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), Id,
                new DailyReportInput(Daily.Date, Daily.ProgressPercent, Daily.WorkDone, Daily.Problems), ct);
            switch (result)
            {
                case FieldResult<TeamDailyReport>.Ok:
                    Message = l["Team.DailyFiled"];
                    return Redirect($"/field/teams/{Id}");
                case FieldResult<TeamDailyReport>.Invalid invalid:
                    FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Daily));
                    break;
                case FieldResult<TeamDailyReport>.Conflict:
                    ModelState.AddModelError("Daily.Date", l["Team.DailyExists"]);
                    break;
                default:
                    return NotFound();
            }
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDeviceAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        if (ModelState.IsValid)
        {
            var result = await teams.AddDeviceAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), Id,
                new TeamDeviceInput(Device.Model, Device.SerialNumber, Device.Quantity, Device.Location, Device.Note), ct);
            switch (result)
            {
                case FieldResult<TeamDevice>.Ok:
                    Message = l["Team.DeviceAdded"];
                    return Redirect($"/field/teams/{Id}#devices");
                case FieldResult<TeamDevice>.Invalid invalid:
                    FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Device));
                    break;
                case FieldResult<TeamDevice>.Conflict:
                    ModelState.AddModelError(string.Empty, l["Team.WrongStatus"]);
                    break;
                default:
                    return NotFound();
            }
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostFinishAsync(CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var result = await teams.FinishAsync(await current.GetViewerAsync(ct), current.UserId!, FieldModule.CanDispatch(current), Id,
            new SummaryInput(Finish.WorkDone, Finish.Summary, null, null, null, null), $"{Request.Scheme}://{Request.Host}", ct);
        switch (result)
        {
            case FieldResult<TeamProject>.Ok ok:
                Message = l["Team.SummarySent"];
                Link = ok.Link;
                return Redirect($"/field/teams/{Id}");
            case FieldResult<TeamProject>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Finish));
                foreach (var message in invalid.Problems.Errors.Where(e => e.Key == "surveyId").SelectMany(e => e.Value))
                {
                    ModelState.AddModelError(string.Empty, message);
                }

                break;
            case FieldResult<TeamProject>.Conflict:
                ModelState.AddModelError(string.Empty, l["Team.WrongStatus"]);
                break;
            default:
                return NotFound();
        }

        return await LoadAsync(ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var project = await teams.Visible(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct);
        if (project is null)
        {
            return false;
        }

        Today = CompanyTime.Today(clock);
        Project = await ResidentTeamApi.ToDtoAsync(project, db, null, ct);
        DailyReports = await db.Set<TeamDailyReport>().AsNoTracking().Where(r => r.ProjectId == Id).OrderByDescending(r => r.Date).ToListAsync(ct);
        Devices = await db.Set<TeamDevice>().AsNoTracking().Where(d => d.ProjectId == Id).OrderBy(d => d.Id).ToListAsync(ct);
        var key = TeamUseCases.DailyKey(project);
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == TeamUseCases.RecordType && t.RecordId == key).OrderBy(t => t.Id).ToListAsync(ct);
        var dtos = await SlaApi.ToDtosAsync(timers, calendars, clock, ct);
        NextReport = dtos.LastOrDefault(t => t.Status == nameof(TimerStatus.Running));
        LateReports = dtos.Count(t => t.Breached);
        var people = Project.MemberIds.Append(project.OwnerId).Append(project.CreatedById).Concat(DailyReports.Select(r => r.AuthorId)).Concat(Devices.Select(d => d.RecordedById))
            .Concat(Project.Tasks.Select(t => t.AssigneeId).OfType<string>()).Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var worker = FieldModule.Workers.Any(current.IsInRole);
        var dispatcher = FieldModule.CanDispatch(current);
        CanLead = worker && (project.OwnerId == current.UserId || (dispatcher && viewer.CanSee(null, project.OrgPath)));
        CanRecordDevices = worker && (dispatcher || Project.MemberIds.Contains(current.UserId!));
        Daily.Date ??= Today;
        return true;
    }

    public string Name(string? id) => id is not null && Names.TryGetValue(id, out var n) ? n : Platform.Localization.Shown.Nothing;

    public static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
