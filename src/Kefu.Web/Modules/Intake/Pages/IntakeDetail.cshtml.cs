using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Incidents;
using Kefu.Core.Orders;
using Kefu.Core.Organization;
using Kefu.Web.Modules.Field;
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

    /// <summary>Whether the user may also create field jobs (the Field module's creators).</summary>
    public bool CanMakeJob => FieldModule.Creators.Any(current.IsInRole);

    /// <summary>The job's problem as the form offers it: the message's subject and body.</summary>
    public string JobProblem
    {
        get
        {
            var text = string.IsNullOrEmpty(Item.Subject) ? Item.Body : Item.Subject + "\n" + Item.Body;
            return text.Length <= 2000 ? text : text[..2000];
        }
    }

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

    public async Task<IActionResult> OnPostJobAsync(int id, ServiceMode? mode, string? problem, string? siteAddress, string? contactPhone, int? version, CancellationToken ct)
    {
        if (!CanMakeJob)
        {
            return Forbid();
        }

        var result = await intake.ToJobAsync(await current.GetViewerAsync(ct), current.UserId!, id,
            new IntakeJobInput(JobKind.Repair, mode, null, null, null, problem, Blank(siteAddress), null, Blank(contactPhone), null, version), ct);
        return await AfterAsync(id, result, ct);
    }

    public async Task<IActionResult> OnPostDiscardAsync(int id, string? reason, int? version, CancellationToken ct) =>
        await AfterAsync(id, await intake.DiscardAsync(await current.GetViewerAsync(ct), current.UserId!, id, new IntakeDiscardInput(reason, version), ct), ct);

    /// <summary>Whether the record the item became can be opened by the user: a specialist (own records) does not see the job, which is nobody's until assigned.</summary>
    public bool CanOpenRecord { get; private set; } = true;

    private async Task<bool> JobVisibleAsync(CancellationToken ct) => (await current.GetViewerAsync(ct)).Scope != DataScope.Own;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private async Task<IActionResult> AfterAsync(int id, IntakeResult result, CancellationToken ct)
    {
        switch (result)
        {
            case IntakeResult.Ok { Item: { RecordType: "Incident", RecordId: { } incident } }:
                return Redirect("/incidents/" + incident.ToString(CultureInfo.InvariantCulture));
            case IntakeResult.Ok { Item: { RecordType: "Order", RecordId: { } order } }:
                return Redirect("/orders/" + order.ToString(CultureInfo.InvariantCulture));
            case IntakeResult.Ok { Item: { RecordType: JobUseCases.RecordType, RecordId: { } job, RecordNumber: var number } }:
                if (await JobVisibleAsync(ct))
                {
                    return Redirect("/field/jobs/" + job.ToString(CultureInfo.InvariantCulture));
                }

                // A specialist sees only their own records; the job is the dispatchers' from here.
                Message = l["Intake.JobCreated", number ?? ""];
                return RedirectToPage(new { id });
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
        CanOpenRecord = item.RecordType != JobUseCases.RecordType || await JobVisibleAsync(ct);
        Files = await attachments.ForRecordAsync(MailTaker.RecordType, id.ToString(CultureInfo.InvariantCulture), ct);
        return true;
    }
}
