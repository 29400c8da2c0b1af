using Kefu.Web.Data;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>FLD-05: the signed sheet (安装单/维修单/巡检单) on A4: times, work, parts, charge and the customer's signature.</summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
public sealed class JobSheetModel(KefuDbContext db, CurrentUser current, AttachmentStore attachments, CalendarService calendars, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public ServiceJob Job { get; private set; } = null!;
    public JobDetailDto Detail { get; private set; } = null!;
    public string? TechnicianName { get; private set; }
    public long? SignatureId { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var job = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(j => j.Id == Id, ct);
        if (job is null)
        {
            return NotFound();
        }

        Job = job;
        Detail = await FieldModule.DetailAsync(db, calendars, clock, job, ct);
        TechnicianName = job.OwnerId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == job.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        SignatureId = (await attachments.ForRecordAsync(JobUseCases.RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct))
            .LastOrDefault(a => a.Kind == JobProgress.SignatureKind)?.Id;
        return Page();
    }
}
