using System.Globalization;
using Kefu.Core.Incidents;
using Kefu.Core.Orders;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Intake.Pages;

/// <summary>One intake item: the message as received and the one-step conversions.</summary>
[Authorize(Policy = IntakeModule.WorkPolicy)]
public sealed class IntakeDetailModel(IntakeUseCases intake, AttachmentStore attachments, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public IntakeItem Item { get; private set; } = null!;
    public IReadOnlyList<Attachment> Files { get; private set; } = [];
    [TempData] public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFileAsync(int id, long file, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct) || Files.FirstOrDefault(f => f.Id == file) is not { } found)
        {
            return NotFound();
        }

        return File(attachments.Open(found), found.ContentType, found.FileName);
    }

    public async Task<IActionResult> OnPostIncidentAsync(int id, IncidentType? type, string? summary, string? phoneCallTo, DateTime? phoneCallAt, int? version, CancellationToken ct)
    {
        DateTimeOffset? call = phoneCallAt is { } local ? new DateTimeOffset(CompanyTime.LocalToUtc(local), TimeSpan.Zero) : null;
        var result = await intake.ToIncidentAsync(await current.GetViewerAsync(ct), current.UserId!, id,
            new IntakeIncidentInput(type, null, null, null, string.IsNullOrWhiteSpace(summary) ? null : summary, null, null, phoneCallTo, call, true, version), ct);
        return await AfterAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostOrderAsync(int id, JobType? jobType, DangerousGoodsAnswer? dangerousGoods, bool contentConfirmed, int? version, CancellationToken ct)
    {
        var result = await intake.ToOrderAsync(await current.GetViewerAsync(ct), current.UserId!, id,
            new IntakeOrderInput(null, jobType, contentConfirmed, dangerousGoods, null, null, version), ct);
        return await AfterAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostDiscardAsync(int id, int? version, CancellationToken ct) =>
        await AfterAsync(id, await intake.DiscardAsync(await current.GetViewerAsync(ct), current.UserId!, id, new IntakeDiscardInput(null, version), ct), ct);

    private async Task<IActionResult> AfterAsync(int id, IntakeResult result, CancellationToken ct)
    {
        switch (result)
        {
            case IntakeResult.Ok { Item: { RecordType: "Incident", RecordId: { } incident } }:
                return Redirect("/incidents/" + incident.ToString(CultureInfo.InvariantCulture));
            case IntakeResult.Ok { Item: { RecordType: "Order", RecordId: { } order } }:
                return Redirect("/orders/" + order.ToString(CultureInfo.InvariantCulture));
            case IntakeResult.Ok:
                Message = l["Intake.Discarded"];
                return RedirectToPage(new { id });
            case IntakeResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                return await LoadAsync(id, ct) ? Page() : NotFound();
            case IntakeResult.Conflict:
                Message = l["Common.Conflict"];
                return RedirectToPage(new { id });
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await intake.Visible(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct) is not { } item)
        {
            return false;
        }

        Item = item;
        Files = await attachments.ForRecordAsync(MailTaker.RecordType, id.ToString(CultureInfo.InvariantCulture), ct);
        return true;
    }
}
