using Kefu.Core.Field;
using Kefu.Core.Money;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>Adds a line to the price list or changes one, deactivating included (CHG-02); for the price administrators only.</summary>
[Authorize(Policy = FieldModule.PricePolicy)]
public sealed class PriceEditModel(KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class PriceForm
    {
        public string? Code { get; set; }
        public string? Name { get; set; }
        public string? NameEn { get; set; }
        public PriceItemKind? Kind { get; set; } = PriceItemKind.Service;
        public JobKind? ForType { get; set; }

        /// <summary>Yuan as typed ("120", "85.50"): whole fen, never more than two decimals.</summary>
        public string? PriceYuan { get; set; }

        public bool Active { get; set; } = true;
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public PriceForm Input { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is not { } id)
        {
            return Page();
        }

        var item = await db.Set<PriceItem>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (item is null)
        {
            return NotFound();
        }

        Input = new PriceForm
        {
            Code = item.Code, Name = item.Name, NameEn = item.NameEn, Kind = item.Kind, ForType = item.ForType,
            PriceYuan = new Money(item.PriceFen).Yuan.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture), Active = item.Active,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Id is { } id && !await db.Set<PriceItem>().AnyAsync(p => p.Id == id, ct))
        {
            return NotFound();
        }

        decimal? yuan = null;
        if (string.IsNullOrWhiteSpace(Input.PriceYuan))
        {
            ModelState.AddModelError("Input.PriceYuan", l["Validation.RequiredHere"]);
        }
        else if (Money.TryParseYuan(Input.PriceYuan, out var money) && money.Fen >= 0)
        {
            yuan = money.Yuan;
        }
        else
        {
            ModelState.AddModelError("Input.PriceYuan", l["FieldAdmin.Price.BadPrice"]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (saved, problems) = await FieldModule.SavePriceAsync(db, Id,
            new PriceItemInput(Input.Code, Input.Name, Input.NameEn, Input.Kind, Input.ForType, yuan, Input.Active), ct);
        if (saved is null)
        {
            problems.CopyTo(ModelState);
            return Page();
        }

        Message = l["Common.Saved"];
        return Redirect("/field/prices");
    }
}
