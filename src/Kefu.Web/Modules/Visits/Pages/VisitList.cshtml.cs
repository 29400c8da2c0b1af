using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
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

public sealed record VisitRow(int Id, int CustomerId, string CustomerNumber, string Customer, string? Grade, string Specialist, VisitStatus Status, DateOnly? DueOn, DateTime? DoneAt,
    VisitChannel? Channel, SatisfactionRating? Rating, string? Feedback, int? FollowUpCaseId, string? ProblemsRaised = null, bool Reported = false);

/// <summary>VIS-01/02: the visit plan (due visits, overdue first) and the visits made, in the caller's scope.</summary>
[Authorize(Policy = Policies.ReadCustomers)]
[RememberFilters]
public sealed class VisitListModel(KefuDbContext db, CurrentUser current, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public VisitStatus Status { get; set; } = VisitStatus.Due;
    [BindProperty(SupportsGet = true)] public int? CustomerId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Dashboard filters (RPT-01): my visits; planned visits due on or before a day.</summary>
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? DueBy { get; set; }

    /// <summary>VIS-02: "mine" lists the visits sent up to me, "any" every visit sent up (both among visits made).</summary>
    [BindProperty(SupportsGet = true)] public string? Reported { get; set; }

    public IReadOnlyList<ActiveFilter> ActiveFilters { get; private set; } = [];
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<VisitRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public DateOnly Today { get; private set; }
    public bool CanRecord => VisitsModule.Visitors.Any(current.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Today = CompanyTime.Today(clock);
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<VisitRow>(await RowsAsync(query.Skip((page - 1) * size).Take(size), ct), page, size, total);
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await RowsAsync((await QueryAsync(ct)).Take(Paging.MaxExportRows), ct);
        ExportColumn<VisitRow>[] columns =
        [
            new(l["Customers.Number"], r => r.CustomerNumber), new(l["Customers.Name"], r => r.Customer), new(l["Customers.Grade"], r => r.Grade),
            new(l["Visits.Specialist"], r => r.Specialist), new(l["Visits.DueOn"], r => r.DueOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            new(l["Visits.DoneAt"], r => CompanyTime.Format(r.DoneAt)), new(l["Visits.Channel"], r => r.Channel is { } c ? l["VisitChannel." + c].Value : null),
            new(l["Visits.Rating"], r => r.Rating is { } x ? l["Rating." + x].Value : null), new(l["Visits.Feedback"], r => r.Feedback),
        ];
        return File(TableExport.ToXlsx(l["Visits.Title"], columns, rows), TableExport.XlsxContentType, "visits.xlsx");
    }

    private async Task<IQueryable<Visit>> QueryAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Reported = Reported is "mine" or "any" ? Reported : null;
        Status = Reported is null ? Status : VisitStatus.Done;
        var query = VisitsModule.ReportedFilter(db.Set<Visit>().AsNoTracking().VisibleTo(viewer).Where(v => v.Status == Status), Reported, viewer.UserId);
        query = Mine ? query.Where(v => v.OwnerId == viewer.UserId) : query;
        query = DueBy is { } dueBy ? query.Where(v => v.DueOn <= dueBy) : query;
        ActiveFilters =
        [
            .. Mine ? [new ActiveFilter("mine", "true", l["Filter.MineOnly"])] : Array.Empty<ActiveFilter>(),
            .. Reported is { } reported ? [new ActiveFilter("reported", reported, l["Visits.Reported." + reported])] : Array.Empty<ActiveFilter>(),
            .. DueBy is { } by ? [new ActiveFilter("dueBy", by.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), l["Filter.DueBy", by.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)])] : Array.Empty<ActiveFilter>(),
        ];
        if (CustomerId is { } customerId)
        {
            query = query.Where(v => v.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            query = query.Where(v => db.Set<Customer>().Any(c => c.Id == v.CustomerId && (c.Name.Contains(Q) || c.Number.Contains(Q))));
        }

        return Sorts().Apply(query, ListSort.From(Request));
    }

    /// <summary>The columns the visit list sorts on; the plan is due first, the visits made newest first.</summary>
    public SortMap<Visit> Sorts() => VisitsModule.VisitSorts(db, q => Status == VisitStatus.Due ? q.OrderBy(v => v.DueOn).ThenBy(v => v.Id) : q.OrderByDescending(v => v.DoneAt).ThenByDescending(v => v.Id));

    private async Task<IReadOnlyList<VisitRow>> RowsAsync(IQueryable<Visit> query, CancellationToken ct) =>
        await (from v in query
               join c in db.Set<Customer>() on v.CustomerId equals c.Id
               join u in db.Users on v.OwnerId equals u.Id into owners
               from u in owners.DefaultIfEmpty()
               select new VisitRow(v.Id, c.Id, c.Number, c.Name, c.Grade, u == null ? "" : u.DisplayName, v.Status, v.DueOn, v.DoneAt, v.Channel, v.Rating, v.Feedback, v.FollowUpCaseId, v.ProblemsRaised, v.ReportedToId != null))
              .ToListAsync(ct);
}
