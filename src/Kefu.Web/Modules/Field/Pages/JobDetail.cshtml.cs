using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Visits;
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

/// <summary>
/// One job (FLD-05/07): for the technician, big buttons for the next step, the finish form with
/// parts and the charge, the customer's signature drawn on the screen and photos from the camera;
/// for the coordinator, assignment with suggestions, hand-over, stages, close and cancel. The whole
/// history stays on the page through hand-overs.
/// </summary>
[Authorize(Policy = FieldModule.ReadPolicy)]
public sealed class JobDetailModel(
    KefuDbContext db, CurrentUser current, JobUseCases jobs, JobProgress progress, DispatchBoard board, AttachmentStore attachments, CalendarService calendars,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? TechnicianId { get; set; }
    [BindProperty] public double? Latitude { get; set; }
    [BindProperty] public double? Longitude { get; set; }
    [BindProperty] public string? WorkDone { get; set; }
    [BindProperty] public IssueKind? Issue { get; set; }
    [BindProperty] public bool? CooperationFormCharged { get; set; }
    [BindProperty] public SatisfactionRating? Rating { get; set; }
    [BindProperty] public List<PartInput> Parts { get; set; } = [];
    [BindProperty] public string? SignedBy { get; set; }
    [BindProperty] public string? Signature { get; set; }
    [BindProperty] public bool? Charge { get; set; }
    [BindProperty] public string? DecidedBy { get; set; }
    [BindProperty] public RepairStage? Stage { get; set; }
    [BindProperty] public IFormFile? Photo { get; set; }

    public ServiceJob Job { get; private set; } = null!;
    public JobDetailDto Detail { get; private set; } = null!;
    public string? TechnicianName { get; private set; }
    public IReadOnlyList<SuggestionDto> Suggestions { get; private set; } = [];
    public IReadOnlyList<PriceItem> PartItems { get; private set; } = [];
    public IReadOnlyList<Attachment> Files { get; private set; } = [];
    public bool CanDispatch => FieldModule.CanDispatch(current);
    public bool IsTechnician => Job.OwnerId is not null && Job.OwnerId == current.UserId;
    public bool CanWork => IsTechnician || CanDispatch;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => StepAsync(JobAction.Accept, ct);

    public Task<IActionResult> OnPostSetOutAsync(CancellationToken ct) => StepAsync(JobAction.SetOut, ct);

    public Task<IActionResult> OnPostArriveAsync(CancellationToken ct) => StepAsync(JobAction.Arrive, ct);

    private Task<IActionResult> StepAsync(JobAction action, CancellationToken ct) =>
        RunAsync(v => progress.StepAsync(v, current.UserId!, CanDispatchNow, Id, action, new StepInput(Latitude, Longitude, Note), ct), ct);

    public Task<IActionResult> OnPostFinishAsync(CancellationToken ct) =>
        RunAsync(v => progress.FinishAsync(v, current.UserId!, CanDispatchNow, Id,
            new FinishInput(WorkDone, Issue, CooperationFormCharged, Parts.Where(p => p.PriceItemId is not null).ToList(), Rating, Latitude, Longitude), ct), ct);

    public Task<IActionResult> OnPostSignAsync(CancellationToken ct) =>
        RunAsync(v => progress.SignAsync(v, current.UserId!, CanDispatchNow, Id, new SignInput(SignedBy, Signature), ct), ct);

    public Task<IActionResult> OnPostDisputeAsync(CancellationToken ct) =>
        RunAsync(v => progress.DisputeAsync(v, current.UserId!, CanDispatchNow, Id, new DisputeInput(Note), ct), ct);

    public Task<IActionResult> OnPostDecideAsync(CancellationToken ct) =>
        RunAsync(v => progress.DecideAsync(v, current.UserId!, CanDispatchNow, Id, new DecisionInput(Charge, DecidedBy), ct), ct);

    public Task<IActionResult> OnPostAssignAsync(CancellationToken ct) =>
        CanDispatchNow ? RunAsync(v => jobs.AssignAsync(v, current.UserId!, Id, new AssignInput(TechnicianId, Note), null, ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostStageAsync(CancellationToken ct) =>
        CanDispatchNow ? RunAsync(v => progress.StageAsync(v, current.UserId!, Id, new StageInput(Stage), ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) =>
        CanDispatchNow ? RunAsync(v => jobs.CloseAsync(v, current.UserId!, Id, ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public Task<IActionResult> OnPostCancelAsync(CancellationToken ct) =>
        CanDispatchNow ? RunAsync(v => jobs.CancelAsync(v, current.UserId!, Id, new CancelInput(Note), ct), ct) : Task.FromResult<IActionResult>(Forbid());

    public async Task<IActionResult> OnPostPhotoAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await jobs.FindAsync(viewer, Id, ct) is not { } job || (!CanDispatchNow && job.OwnerId != current.UserId))
        {
            return NotFound();
        }

        var (saved, problems) = await attachments.SaveAsync(JobUseCases.RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), JobProgress.PhotoKind, Photo, current.UserId!, ct);
        if (saved is null)
        {
            problems.CopyToSummary(ModelState);
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        // The store adds the attachment's row; the caller saves it.
        await db.SaveChangesAsync(ct);
        return RedirectToPage(new { Id });
    }

    /// <summary>A photo or the signature of this job, for the people who may see the job.</summary>
    public async Task<IActionResult> OnGetFileAsync(long fileId, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await jobs.FindAsync(viewer, Id, ct) is null)
        {
            return NotFound();
        }

        var key = Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var file = await db.Set<Attachment>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == fileId && a.RecordType == JobUseCases.RecordType && a.RecordId == key, ct);
        return file is null ? NotFound() : File(attachments.Open(file), file.ContentType);
    }

    private bool CanDispatchNow => FieldModule.CanDispatch(current);

    private async Task<IActionResult> RunAsync(Func<ScopeViewer, Task<JobResult>> action, CancellationToken ct)
    {
        switch (await action(await current.GetViewerAsync(ct)))
        {
            case JobResult.Ok:
                return RedirectToPage(new { Id });
            case JobResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                return await LoadAsync(ct) ? Page() : NotFound();
            case JobResult.Conflict:
                ModelState.AddModelError(string.Empty, Platform.Localization.Text.Get("Job.ChangedMeanwhile"));
                return await LoadAsync(ct) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(j => j.Id == Id, ct) is not { } job)
        {
            return false;
        }

        Job = job;
        Detail = await FieldModule.DetailAsync(db, calendars, clock, job, ct);
        TechnicianName = job.OwnerId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == job.OwnerId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
        PartItems = await db.Set<PriceItem>().AsNoTracking().Where(p => p.Active && p.Kind == PriceItemKind.Part).OrderBy(p => p.Code).ToListAsync(ct);
        Files = await attachments.ForRecordAsync(JobUseCases.RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        if (CanDispatch && (job.State == JobState.New || JobLifecycle.IsOpen(job.State)))
        {
            Suggestions = await board.SuggestAsync(viewer, job.Id, 5, ct) ?? [];
        }

        return true;
    }
}
