using Microsoft.AspNetCore.Mvc;

namespace Kefu.Web.Modules.Portal.Pages;

/// <summary>One of the customer's requests: what they sent, what it became, its public timeline; a complaint in hand takes more words.</summary>
public sealed class RequestDetailModel(PortalUseCases portal, Platform.Attachments.AttachmentStore attachments) : PortalPageModel
{
    public PortalRequestView View { get; private set; } = null!;
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public Kefu.Core.Visits.SatisfactionRating? Rating { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty(SupportsGet = true)] public int? Sent { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(int id, long file, CancellationToken ct) =>
        await portal.FileAsync(Contact, id, file, ct) is { } found ? File(attachments.Open(found), found.ContentType, found.FileName) : NotFound();

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        var problems = await portal.AddMessageAsync(Contact, id, Text, ct);
        if (problems is null)
        {
            return NotFound();
        }

        if (problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return LocalRedirect("/portal/requests/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<IActionResult> OnPostRateAsync(int id, CancellationToken ct)
    {
        var problems = await portal.RateAsync(Contact, id, Rating, Comment, ct);
        if (problems is null)
        {
            return NotFound();
        }

        if (problems.HasErrors)
        {
            problems.CopyToSummary(ModelState);
            return await LoadAsync(id, ct) ? Page() : NotFound();
        }

        return LocalRedirect("/portal/requests/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await portal.RequestAsync(Contact, id, ct) is not { } view)
        {
            return false;
        }

        View = view;
        return true;
    }
}
