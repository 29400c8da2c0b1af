using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Import;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Organization.Pages;

/// <summary>PLT-05: new staff from Excel, for staff managers; the result lists every bad row with its column.</summary>
[Authorize(Policy = Policies.ManageStaff)]
public sealed class StaffImportPageModel(StaffImport import, CurrentUser current) : PageModel
{
    public ImportResult? Result { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Result = await ImportHandling.RunOnPageAsync(file, ModelState, stream => import.ImportAsync(viewer, stream, ct));
        return Page();
    }
}
