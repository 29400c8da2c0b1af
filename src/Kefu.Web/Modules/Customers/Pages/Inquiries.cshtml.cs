using Kefu.Core.Customers;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-07: inquiries with the territory decision, and the pipeline up to the first order.</summary>
[Authorize(Policy = CustomersModule.ManagePolicy)]
[RememberFilters]
public sealed class InquiriesModel(KefuDbContext db, CurrentUser current, InquiryUseCases inquiries, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class InquiryForm
    {
        public string? Company { get; set; }
        public string? ContactName { get; set; }
        public string? Phone { get; set; }
        public InquiryIntent Intent { get; set; } = InquiryIntent.BecomeAgent;
        public string? Province { get; set; }
        public string? City { get; set; }
        public string? District { get; set; }
        public string? Channels { get; set; }
        public string? ProductLines { get; set; }
        public string? Notes { get; set; }
    }

    [BindProperty(SupportsGet = true)] public InquiryStage? Stage { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [BindProperty] public InquiryForm Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public Paged<Inquiry> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public IReadOnlyDictionary<InquiryStage, int> Counts { get; private set; } = new Dictionary<InquiryStage, int>();
    public TerritoryDecision? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Shows the territory decision before saving.</summary>
    public async Task<IActionResult> OnPostCheckAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.Province))
        {
            ModelState.AddModelError("Input.Province", Kefu.Web.Platform.Localization.Text.Get("Validation.RequiredHere"));
        }
        else
        {
            Preview = await inquiries.CheckAsync(Input.Intent, new Region(Input.Province.Trim(), Blank(Input.City), Blank(Input.District)), Input.Channels, Input.ProductLines, ct);
        }

        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (inquiry, problems) = await inquiries.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, new InquiryInput(
            Input.Company, Input.ContactName, Input.Phone, Input.Intent, Input.Province, Input.City, Input.District, Input.Channels, Input.ProductLines, Input.Notes, null), ct);
        if (inquiry is null)
        {
            problems.CopyTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        Message = $"{inquiry.Company}: {l["TerritoryOutcome." + inquiry.Outcome]}";
        return Redirect("/inquiries");
    }

    public async Task<IActionResult> OnPostMoveAsync(int inquiryId, InquiryStage stage, int version, CancellationToken ct)
    {
        var (inquiry, problems, conflict) = await inquiries.MoveAsync(await current.GetViewerAsync(ct), current.UserId!, inquiryId, new StageInput(stage, null, version), ct);
        if (inquiry is null)
        {
            return NotFound();
        }

        if (conflict || problems.HasErrors)
        {
            ModelState.AddModelError(string.Empty, conflict ? l["Common.Conflict"] : string.Join(" ", problems.Errors.SelectMany(e => e.Value)));
            await LoadAsync(ct);
            return Page();
        }

        Message = $"{inquiry.Company}: {l["InquiryStage." + inquiry.Stage]}";
        return Redirect(inquiry.CustomerId is { } customerId ? $"/customers/{customerId}" : "/inquiries");
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        var rows = await (await QueryAsync(ct)).Take(Paging.MaxExportRows).ToListAsync(ct);
        ExportColumn<Inquiry>[] columns =
        [
            new(l["Inquiries.Company"], i => i.Company), new(l["Inquiries.Intent"], i => l["InquiryIntent." + i.Intent].Value),
            new(l["Customers.Region"], i => $"{i.Province} {i.City} {i.District}".Trim()), new(l["Inquiries.Channels"], i => i.Channels),
            new(l["Inquiries.ProductLines"], i => i.ProductLines), new(l["Inquiries.Outcome"], i => l["TerritoryOutcome." + i.Outcome].Value),
            new(l["Inquiries.Dealers"], i => i.Dealers), new(l["Inquiries.Stage"], i => l["InquiryStage." + i.Stage].Value),
        ];
        return File(TableExport.ToXlsx(l["Inquiries.Title"], columns, rows), TableExport.XlsxContentType, "inquiries.xlsx");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = await QueryAsync(ct);
        var total = await query.CountAsync(ct);
        Result = new Paged<Inquiry>(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct), page, size, total);
        Counts = (await db.Set<Inquiry>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).GroupBy(i => i.Stage).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(g => g.Key, g => g.Count);
    }

    private async Task<IQueryable<Inquiry>> QueryAsync(CancellationToken ct)
    {
        var query = db.Set<Inquiry>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        query = Stage is { } s ? query.Where(i => i.Stage == s) : query;
        return CustomersModule.InquirySorts.Apply(query, ListSort.From(Request));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
