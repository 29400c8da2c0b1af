using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Visits.Pages;

public sealed record CallbackRow(int Id, string JobReference, int? CustomerId, string Customer, string Technician, DateTime CompletedAt, DateTime DueAt,
    CallbackStatus Status, DateTime? CalledAt, SatisfactionRating? Rating, bool Complaint, string? Comment, int Version);

/// <summary>VIS-03: the coordinator's list of completed jobs awaiting the supervision callback, and the callbacks made.</summary>
[Authorize(Policy = VisitsModule.ReadCallbacksPolicy)]
[RememberFilters]
public sealed class CallbacksModel(KefuDbContext db, CurrentUser current, VisitUseCases visits, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class JobForm
    {
        public string? JobReference { get; set; }
        public string? CustomerName { get; set; }
        public string? TechnicianId { get; set; }
        public DateTime? CompletedAt { get; set; }
    }

    public sealed class ResultForm
    {
        public int Id { get; set; }
        public SatisfactionRating? Rating { get; set; }
        public bool Complaint { get; set; }
        public string? Comment { get; set; }
        public int Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public CallbackStatus Status { get; set; } = CallbackStatus.Pending;
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty] public JobForm Job { get; set; } = new();
    [BindProperty] public ResultForm Result { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public Paged<CallbackRow> Rows { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyList<(string Id, string Name)> Technicians { get; private set; } = [];
    public bool CanCall => VisitsModule.Callers.Any(current.IsInRole);
    public DateTime NowUtc => clock.GetUtcNow().UtcDateTime;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostJobAsync(CancellationToken ct)
    {
        if (!CanCall)
        {
            return Forbid();
        }

        var (callback, problems) = await visits.AddCallbackAsync(await current.GetViewerAsync(ct), new CallbackInput(
            Job.JobReference, null, Job.CustomerName, Job.TechnicianId, Job.CompletedAt is { } local ? CompanyTime.LocalToUtc(local) : null), ct);
        if (callback is null)
        {
            problems.CopyTo(ModelState, "Job");
            await LoadAsync(ct);
            return Page();
        }

        Message = l["Callbacks.JobAdded", callback.JobReference, CompanyTime.Format(callback.DueAt)];
        return Redirect("/callbacks");
    }

    public async Task<IActionResult> OnPostResultAsync(CancellationToken ct)
    {
        if (!CanCall)
        {
            return Forbid();
        }

        var (callback, problems, conflict) = await visits.RecordCallbackAsync(await current.GetViewerAsync(ct), current.UserId!, Result.Id,
            new CallbackResultInput(Result.Rating, Result.Complaint, Result.Comment, Result.Version), ct);
        if (callback is null)
        {
            return NotFound();
        }

        if (conflict || problems.HasErrors)
        {
            if (conflict)
            {
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
            }

            problems.CopyTo(ModelState, "Result");
            await LoadAsync(ct);
            return Page();
        }

        Message = l["Callbacks.Recorded", callback.JobReference];
        return Redirect("/callbacks");
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync((await QueryAsync(ct)).Take(Paging.MaxExportRows), ct);
        ExportColumn<CallbackRow>[] columns =
        [
            new(l["Callbacks.Job"], r => r.JobReference), new(l["Customers.Name"], r => r.Customer), new(l["Callbacks.Technician"], r => r.Technician),
            new(l["Callbacks.Completed"], r => CompanyTime.Format(r.CompletedAt)), new(l["Callbacks.Due"], r => CompanyTime.Format(r.DueAt)),
            new(l["Callbacks.CalledAt"], r => CompanyTime.Format(r.CalledAt)), new(l["Visits.Rating"], r => r.Rating is { } x ? l["Rating." + x].Value : null),
            new(l["Callbacks.Complaint"], r => r.Complaint ? l["Common.Yes"].Value : ""), new(l["Callbacks.Comment"], r => r.Comment),
        ];
        return File(TableExport.ToXlsx(l["Callbacks.Title"], columns, rows), TableExport.XlsxContentType, "callbacks.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Rows = new Paged<CallbackRow>(await RowsAsync(query.Skip((page - 1) * size).Take(size), ct), page, size, total);
        Technicians = (await visits.TeamTechnicians(await current.GetViewerAsync(ct))
                .OrderBy(u => u.EmployeeNumber).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToArray();
    }

    private async Task<IQueryable<ServiceCallback>> QueryAsync(CancellationToken ct)
    {
        var query = db.Set<ServiceCallback>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).Where(c => c.Status == Status);
        return Sorts().Apply(query, ListSort.From(Request));
    }

    /// <summary>The columns the callback list sorts on; pending ones due first, the calls made newest first.</summary>
    public SortMap<ServiceCallback> Sorts() => VisitsModule.CallbackSorts(db, q => Status == CallbackStatus.Pending ? q.OrderBy(c => c.DueAt).ThenBy(c => c.Id) : q.OrderByDescending(c => c.CalledAt).ThenByDescending(c => c.Id));

    private async Task<IReadOnlyList<CallbackRow>> RowsAsync(IQueryable<ServiceCallback> query, CancellationToken ct) =>
        await (from c in query
               join u in db.Users on c.OwnerId equals u.Id
               select new CallbackRow(c.Id, c.JobReference, c.CustomerId, c.CustomerName, u.DisplayName, c.CompletedAt, c.DueAt, c.Status, c.CalledAt, c.Rating, c.Complaint, c.Comment, c.Version))
              .ToListAsync(ct);
}
