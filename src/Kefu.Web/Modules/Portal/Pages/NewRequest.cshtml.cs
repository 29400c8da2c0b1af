using System.Globalization;
using Kefu.Core.Intake;
using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>A repair, an order or a complaint with photos, straight into the centre's intake queue.</summary>
public sealed class NewRequestModel(PortalUseCases portal) : PortalPageModel
{
    [BindProperty(SupportsGet = true)] public PortalRequestKind? Kind { get; set; }
    [BindProperty] public string? Subject { get; set; }
    [BindProperty] public string? Details { get; set; }
    [BindProperty] public string? Phone { get; set; }
    [BindProperty] public string? Reference { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile>? files, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var read = new List<PortalFile>();
        foreach (var file in files ?? [])
        {
            if (file.Length == 0)
            {
                continue;
            }

            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            read.Add(new PortalFile(file.FileName, buffer.ToArray()));
        }

        var (item, problems) = await portal.SubmitAsync(Contact, new PortalSubmission(Kind, Subject, Details, Phone, Reference), read, ct);
        if (item is null)
        {
            problems.CopyToSummary(ModelState);
            return Page();
        }

        return LocalRedirect("/portal/requests/" + item.Id.ToString(CultureInfo.InvariantCulture) + "?sent=1");
    }
}
