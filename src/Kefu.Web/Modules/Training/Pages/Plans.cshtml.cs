using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-03: the plans of a month, their sessions and attendance; trainees sign in, trainers confirm, managers plan.</summary>
public sealed class PlansModel(KefuDbContext db, PlanUseCases plans, CurrentUser current, TimeProvider clock) : PageModel
{
    public sealed class PlanForm
    {
        public string? Title { get; set; }
        public int? OrgUnitId { get; set; }
        public string? Notes { get; set; }
    }

    public sealed class SessionForm
    {
        public int? PlanId { get; set; }
        public int? CourseId { get; set; }
        public DateTime? StartsAt { get; set; }
        public int? DurationMinutes { get; set; }
        public string? Location { get; set; }
        public string? TrainerId { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty] public PlanForm NewPlan { get; set; } = new();
    [BindProperty] public SessionForm NewSession { get; set; } = new();

    public DateOnly First { get; private set; }
    public IReadOnlyList<PlanDto> Plans { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(int Id, string Title)> Courses { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Trainers { get; private set; } = [];
    public bool CanManage => TrainingModule.CanManage(current);
    public string Me => current.UserId!;

    private async Task LoadAsync(CancellationToken ct)
    {
        var today = CompanyTime.Today(clock);
        var first = CompanyTime.ParseMonth(Month) ?? today;
        First = new DateOnly(first.Year, first.Month, 1);
        var viewer = await current.GetViewerAsync(ct);
        var rows = await (await plans.VisibleAsync(viewer, ct)).AsNoTracking().Where(p => p.Year == First.Year && p.Month == First.Month).OrderBy(p => p.Id).ToListAsync(ct);
        Plans = await plans.ToDtosAsync(rows, ct);
        if (CanManage)
        {
            var visible = viewer.VisiblePath;
            Units = (await db.OrgUnits.AsNoTracking().Where(u => visible != null && u.Path.StartsWith(visible)).OrderBy(u => u.Path).ToListAsync(ct))
                .Select(u => (u.Id, u.DisplayName(Platform.Localization.LocalizationSetup.IsEnglish))).ToArray();
            Courses = (await db.Set<TrainingCourse>().AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.Id).Select(c => new { c.Id, c.Title }).ToListAsync(ct)).Select(c => (c.Id, c.Title)).ToArray();
            Trainers = (await db.Users.AsNoTracking().VisibleTo(viewer).Where(u => u.Status == StaffStatus.Active).OrderBy(u => u.EmployeeNumber).Select(u => new { u.Id, u.DisplayName }).Take(500).ToListAsync(ct))
                .Select(u => (u.Id, u.DisplayName)).ToArray();
        }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSignInAsync(int sessionId, CancellationToken ct) =>
        !await TrainingModule.CanActAsync(current, ct) ? Forbid()
        : await plans.SignInAsync(await current.GetViewerAsync(ct), sessionId, ct) is null ? NotFound() : RedirectToPage(new { Month });

    public async Task<IActionResult> OnPostConfirmAsync(int sessionId, string traineeId, CancellationToken ct)
    {
        if (!await TrainingModule.CanActAsync(current, ct))
        {
            return Forbid();
        }

        var (row, found) = await plans.ConfirmAsync(await current.GetViewerAsync(ct), CanManage, sessionId, traineeId, ct);
        return !found || row is null ? NotFound() : RedirectToPage(new { Month });
    }

    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        var (plan, problems) = await plans.CreateAsync(await current.GetViewerAsync(ct), Me, new PlanInput(First.Year, First.Month, NewPlan.Title, NewPlan.Notes, NewPlan.OrgUnitId), ct);
        if (plan is null)
        {
            problems.CopyTo(ModelState, nameof(NewPlan));
            return Page();
        }

        return RedirectToPage(new { Month });
    }

    public async Task<IActionResult> OnPostSessionAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        await LoadAsync(ct);
        DateTimeOffset? starts = NewSession.StartsAt is { } local ? new DateTimeOffset(CompanyTime.LocalToUtc(local), TimeSpan.Zero) : null;
        var (session, problems, found) = await plans.AddSessionAsync(await current.GetViewerAsync(ct), NewSession.PlanId ?? 0,
            new SessionInput(NewSession.CourseId, starts, NewSession.DurationMinutes, NewSession.Location, NewSession.TrainerId), ct);
        if (!found)
        {
            return NotFound();
        }

        if (session is null)
        {
            problems.CopyTo(ModelState, nameof(NewSession));
            return Page();
        }

        return RedirectToPage(new { Month });
    }

    public string MonthText(int add) => First.AddMonths(add).ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
