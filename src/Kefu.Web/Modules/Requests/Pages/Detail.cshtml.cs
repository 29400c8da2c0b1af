using Kefu.Core.Approvals;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Requests.Pages;

/// <summary>
/// One memo or request: its fields, the timeline of its steps with deadlines, copies and history,
/// and the actions of the current step for its person (and only for them), on a phone too.
/// </summary>
public sealed class DetailModel(
    RequestQueries queries, RequestUseCases requests, ApprovalService approvals, KefuDbContext db, CurrentUser current, CalendarService calendars,
    TimeProvider clock, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [TempData] public string? Message { get; set; }

    public RequestDto Form { get; private set; } = null!;
    public RequestKind Kind { get; private set; }
    public bool IsOwner { get; private set; }

    /// <summary>The current step when it is the caller's (or they stand in for its person today).</summary>
    public StepRule? MyStep { get; private set; }

    public TimerDto? Timer { get; private set; }

    /// <summary>What the caller typed, kept on a refused decision.</summary>
    public RequestDecisionInput? Typed { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!RequestsModule.CanWrite(User, Kind))
        {
            return Forbid();
        }

        return await AfterAsync(await requests.SubmitAsync(Kind, await requests.ViewerAsync(current, ct), Id, ct), "Requests.Sent", ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(
        string? stepKey, ApprovalAction? action, string? comment, string? warehouse, string? carrier, string? trackingNumber, DateOnly? shippedOn, string? archiveLocation,
        CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if ((await current.GetRolesAsync(ct)).All(r => r == Kefu.Core.Organization.Role.ReadOnlyAuditor))
        {
            return Forbid();
        }

        Typed = new RequestDecisionInput(stepKey, action, comment, warehouse, carrier, trackingNumber, shippedOn, archiveLocation);
        return await AfterAsync(await requests.DecideAsync(Kind, await requests.ViewerAsync(current, ct), Id, Typed, ct), "Requests.Done", ct);
    }

    private async Task<IActionResult> AfterAsync(RequestResult result, string done, CancellationToken ct)
    {
        switch (result)
        {
            case RequestResult.Ok:
                Message = l[done];
                return Redirect(RequestUseCases.Link(Id));
            case RequestResult.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case RequestResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Requests.WrongState"]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case RequestResult.Forbidden:
                ModelState.AddModelError(string.Empty, l["Requests.NotYourStep"]);
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            default:
                return NotFound();
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await requests.ViewerAsync(current, ct);
        var form = await queries.FindAsync(null, viewer, Id, ct);
        if (form is null)
        {
            return false;
        }

        Kind = form.Kind;
        IsOwner = form.OwnerId == current.UserId;
        Form = await queries.ToDtoAsync(form, ct);
        var (instance, _) = await approvals.ForSubjectAsync(RequestUseCases.SubjectType(form.Kind), RequestUseCases.Key(form.Id), ct);
        MyStep = instance is { Status: ApprovalStatus.Pending } && await requests.MayActAsync(instance, current.UserId!, ct)
            ? RequestFlows.Step(form.Kind, instance.CurrentStepKey)
            : null;
        if (instance is { Status: ApprovalStatus.Pending })
        {
            var timers = await db.Set<SlaTimer>().AsNoTracking()
                .Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == instance.Id.ToString() && t.Status != TimerStatus.Stopped).ToListAsync(ct);
            Timer = (await SlaApi.ToDtosAsync(timers, calendars, clock, ct)).LastOrDefault();
        }

        return true;
    }
}
