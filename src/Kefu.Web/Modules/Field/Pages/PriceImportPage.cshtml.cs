using Kefu.Web.Platform.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>PLT-05 / CHG-02: the price list from Excel, for the price administrators; the result lists every bad row with its column.</summary>
[Authorize(Policy = FieldModule.PricePolicy)]
public sealed class PriceImportPageModel(PriceImport import) : PageModel
{
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        Result = await ImportHandling.RunOnPageAsync(file, ModelState, stream => import.ImportAsync(stream, ct));
        return Page();
    }
}
