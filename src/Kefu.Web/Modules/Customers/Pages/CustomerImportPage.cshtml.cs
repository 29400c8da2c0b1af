using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Customers.Pages;

/// <summary>CUS-03: import customers from Excel; the result lists every bad row with its field.</summary>
[Authorize(Policy = CustomersModule.ManagePolicy)]
public sealed class CustomerImportPageModel(CustomerImport import, CurrentUser current) : PageModel
{
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Result = await ImportHandling.RunOnPageAsync(file, ModelState, stream => import.ImportAsync(viewer, current.UserId!, stream, ct));
        return Page();
    }
}
