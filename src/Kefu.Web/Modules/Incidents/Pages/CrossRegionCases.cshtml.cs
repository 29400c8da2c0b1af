using Kefu.Core.Incidents;
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

namespace Kefu.Web.Modules.Incidents.Pages;

/// <summary>EXC-09: cross-region selling cases, their working-day deadlines and the quarterly national ledger.</summary>
[Authorize(Policy = IncidentsModule.CrossRegionPolicy)]
[RememberFilters]
public sealed class CrossRegionCasesModel(KefuDbContext db, CurrentUser current, CrossRegionUseCases cases, TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class CaseForm
    {
        public string? Complainant { get; set; }
        public string? Offender { get; set; }
        public string? Province { get; set; }
        public string? Products { get; set; }
        public string? BatchNumbers { get; set; }
        public string? SerialNumbers { get; set; }
        public int? Quantity { get; set; }
        public decimal? PriceYuan { get; set; }
    }

    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty] public CaseForm Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    /// <summary>EXC-09: only the GM records the GM's decision, so only the GM is offered it.</summary>
    public bool MayRecordGmDecision => current.IsInRole(Kefu.Core.Organization.Role.Gm);

    public Paged<CrossRegionDto> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (created, problems) = await cases.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, new CrossRegionInput(
            Input.Complainant, Input.Offender, Input.Province, Input.Products, Input.BatchNumbers, Input.SerialNumbers, Input.Quantity, Input.PriceYuan, null), ct);
        if (created is null)
        {
            problems.CopyTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        Message = created.Number;
        return Redirect("/incidents/cross-region");
    }

    public async Task<IActionResult> OnPostMilestoneAsync(int caseId, CrossRegionMilestone milestone, DateTime? at, string? text, decimal? penaltyYuan, int version, CancellationToken ct)
    {
        var (found, problems, conflict, forbidden) = await cases.RecordAsync(await current.GetViewerAsync(ct), await current.GetRolesAsync(ct), caseId,
            new MilestoneInput(milestone, at is { } local ? new DateTimeOffset(CompanyTime.LocalToUtc(local), TimeSpan.Zero) : null, text, penaltyYuan), version, ct);
        if (found is null)
        {
            return NotFound();
        }

        if (forbidden)
        {
            return Forbid();
        }

        if (conflict || problems.HasErrors)
        {
            ModelState.AddModelError(string.Empty, conflict ? l["Common.Conflict"] : $"{found.Number}: {string.Join(" ", problems.Errors.SelectMany(e => e.Value))}");
            await LoadAsync(ct);
            return Page();
        }

        Message = $"{found.Number}: {l["CrossRegionMilestone." + milestone]}";
        return Redirect("/incidents/cross-region");
    }

    public async Task<IActionResult> OnGetLedgerAsync(CancellationToken ct)
    {
        var quarter = CrossRegionUseCases.ParseQuarter(Quarter) ?? CrossRegionSelling.QuarterOf(CompanyTime.Today(clock));
        var bytes = await cases.LedgerAsync(await current.GetViewerAsync(ct), quarter, key => l[key].Value, ct);
        return File(bytes, TableExport.XlsxContentType, $"cross-region-{quarter}.xlsx");
    }

    /// <summary>The orders the case list offers; the latest complaint first when none is asked for.</summary>
    public static readonly SortMap<CrossRegionCase> Sorts = new SortMap<CrossRegionCase>(q => q.OrderByDescending(c => c.ComplaintAt).ThenByDescending(c => c.Id), q => q.ThenByDescending(c => c.Id))
        .Add("complaint", c => c.ComplaintAt).Add("number", c => c.Number).Add("complainant", c => c.Complainant).Add("offender", c => c.Offender).Add("province", c => c.Province);

    public string CurrentQuarter => CrossRegionSelling.QuarterOf(CompanyTime.Today(clock)).ToString();

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = db.Set<CrossRegionCase>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(c => c.Number.Contains(q) || c.Complainant.Contains(q) || c.Offender.Contains(q) || c.Province.Contains(q));
        }

        var total = await query.CountAsync(ct);
        var items = new List<CrossRegionDto>();
        foreach (var c in await Sorts.Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size).ToListAsync(ct))
        {
            items.Add(await cases.ToDtoAsync(c, ct));
        }

        Result = new Paged<CrossRegionDto>(items, page, size, total);
    }
}
