using Kefu.Web.Platform.Auth;
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
        if (file is null || file.Length == 0 || file.Length > 20 * 1024 * 1024)
        {
            Result = new ImportResult(0, 0, [new ImportError(0, "file", Platform.Localization.Text.Get("Attachment.Missing"))]);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        Result = await import.ImportAsync(await current.GetViewerAsync(ct), current.UserId!, buffer, ct);
        return Page();
    }
}
