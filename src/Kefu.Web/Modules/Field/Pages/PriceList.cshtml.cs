using Kefu.Core.Money;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Export;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record PriceRow(int Id, string Code, string Name, string Kind, string ForType, Money Price, bool Active);

/// <summary>
/// The price list (服务收费标准, CHG-02): everyone who reads jobs reads it; the price administrators
/// add lines and change them (a line no longer used is deactivated, so old jobs keep their parts).
/// </summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
[RememberFilters]
public sealed class PriceListModel(KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    internal static readonly SortMap<PriceItem> Sorts = new SortMap<PriceItem>(q => q.OrderBy(p => p.Kind).ThenBy(p => p.Code), q => q.ThenBy(p => p.Id))
        .Add("code", p => p.Code).Add("name", p => p.Name).Add("kind", p => p.Kind).Add("type", p => p.ForType).Add("price", p => p.PriceFen).Add("active", p => p.Active);

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public PriceItemKind? Kind { get; set; }

    /// <summary>"active", "inactive" or empty (every line).</summary>
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }
    [TempData] public string? Message { get; set; }

    public Paged<PriceRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanEdit => FieldModule.PriceAdmins.Any(r => User.IsInRole(KefuRoles.Name(r)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (page, size) = Paging.Clamp(PageNumber, null);
        var query = Query();
        var total = await query.CountAsync(ct);
        Result = new Paged<PriceRow>(ToRows(await query.Skip((page - 1) * size).Take(size).ToListAsync(ct)), page, size, total);
    }

    /// <summary>PLT-05: what the filters select, in the import's columns, so the sheet can be changed and imported back.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        File(PriceImport.Write(await Query().Take(Paging.MaxExportRows).ToListAsync(ct)), TableExport.XlsxContentType, "price-list.xlsx");

    private IQueryable<PriceItem> Query()
    {
        var query = db.Set<PriceItem>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            query = query.Where(p => p.Code.Contains(q) || p.Name.Contains(q) || (p.NameEn != null && p.NameEn.Contains(q)));
        }

        if (Kind is { } kind && Enum.IsDefined(kind))
        {
            query = query.Where(p => p.Kind == kind);
        }
        else
        {
            Kind = null;
        }

        query = Status switch
        {
            "active" => query.Where(p => p.Active),
            "inactive" => query.Where(p => !p.Active),
            _ => query,
        };
        Status = Status is "active" or "inactive" ? Status : null;
        return Sorts.Apply(query, ListSort.From(Request));
    }

    private PriceRow[] ToRows(List<PriceItem> items) => items.Select(p => new PriceRow(
        p.Id, p.Code, LocalizationSetup.IsEnglish && !string.IsNullOrWhiteSpace(p.NameEn) ? p.NameEn : p.Name, l["PriceItemKind." + p.Kind],
        p.ForType is { } t ? l["JobKind." + t] : l["FieldAdmin.Price.AnyType"], new Money(p.PriceFen), p.Active)).ToArray();
}
