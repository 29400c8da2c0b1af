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
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", Platform.Localization.Text.Get("Attachment.Missing"));
            return Page();
        }

        await using var stream = file.OpenReadStream();
        switch (await import.ImportAsync(await current.GetViewerAsync(ct), current.UserId!, stream, ct))
        {
            case ImportOutcome.Done done:
                Result = done.Result;
                break;
            case ImportOutcome.Refused refused:
                // The file's problem goes next to the file input; anything else (the caller's centre) above the form.
                foreach (var (field, messages) in refused.Problems.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(field == "file" ? "file" : string.Empty, message);
                    }
                }

                break;
        }

        return Page();
    }
}
