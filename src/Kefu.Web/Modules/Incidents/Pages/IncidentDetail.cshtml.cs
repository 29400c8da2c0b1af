using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Incidents.Pages;

/// <summary>An incident: its clocks, its timeline from receipt to the approved plan, and the next actions.</summary>
[Authorize(Policy = IncidentsModule.ReadPolicy)]
public sealed class IncidentDetailModel(
    Intake.IntakeUseCases intake,
    KefuDbContext db, CurrentUser current, IncidentUseCases incidents, ComplaintArchiveUseCases archive, IncidentRecipients recipients, ApprovalService approvals, CalendarService calendars, TimeProvider clock, Kefu.Web.Platform.Settings.PolicyStore policies) : PageModel
{
    /// <summary>The reporting rule's numbers as the administrator set them (EXC-02, EXC-04).</summary>
    public Kefu.Core.Incidents.IncidentPolicy Policy { get; private set; } = new();

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Text { get; set; }
    [BindProperty] public bool Concealed { get; set; }
    [BindProperty] public decimal? CostsYuan { get; set; }

    /// <summary>EXC-08: the other reporting findings: a false report (虚报) and a late one (报告不及时).</summary>
    [BindProperty] public bool Falsified { get; set; }

    [BindProperty] public bool ReportedLate { get; set; }

    /// <summary>EXC-10: the callback to the complainant after handling.</summary>
    [BindProperty] public DateTime? CalledAt { get; set; }

    [BindProperty] public bool? Satisfied { get; set; }
    [BindProperty] public string? CallbackText { get; set; }

    /// <summary>VIS-04: the person the complaint is about, by name.</summary>
    public string? SubjectDisplay { get; private set; }

    public string? CallbackByName { get; private set; }

    /// <summary>EXC-10: the callback follows the handling: the incident is closed or its plan went to the customer.</summary>
    public bool CanCallBack => CanAct && (Incident.Status == IncidentStatus.Closed || Incident.PlanSentAt is not null);

    /// <summary>EXC-08: whether the email report went out on time (a late-report finding is then refused).</summary>
    public bool ReportedOnTime { get; private set; }
    [BindProperty] public ApprovalAction? Action { get; set; }

    public Incident Incident { get; private set; } = null!;
    public IReadOnlyList<IncidentEventDto> Timeline { get; private set; } = [];
    public IReadOnlyList<TimerDto> Timers { get; private set; } = [];
    public string? PlanStep { get; private set; }

    /// <summary>The order the incident names, when it is one the viewer may open.</summary>
    public int? OrderId { get; private set; }
    public bool IsPlanApprover { get; private set; }
    public bool CanAct => IncidentsModule.Recorders.Any(current.IsInRole);
    public bool CanInvestigate => IncidentsModule.Investigators.Any(current.IsInRole);
    public bool CanWritePlan => IncidentsModule.PlanAuthors.Any(current.IsInRole);

    /// <summary>EXC-11: flagging a major complaint and the regional manager's follow-up.</summary>
    public bool CanFlagMajor => IncidentsModule.MajorFlaggers.Any(current.IsInRole);

    public bool CanFollowUpMajor => IncidentsModule.MajorFollowers.Any(current.IsInRole);
    [BindProperty] public string? MajorReason { get; set; }
    [BindProperty] public string? FollowUp { get; set; }
    public string? MajorByName { get; private set; }

    /// <summary>The regional managers told of the major complaint, by name.</summary>
    public string RegionalManagers { get; private set; } = "—";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostReportAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.ReportAsync(v, u, Id, ct), ct);

    public Task<IActionResult> OnPostReplyAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.ReplyAsync(v, u, Id, new NoteInput(Text), ct), ct, noteForm: true);

    /// <summary>The reply sent to the customer by email, in the customer's thread.</summary>
    public Task<IActionResult> OnPostEmailReplyAsync(CancellationToken ct) =>
        RunAsync(CanAct, async (v, u) => (await intake.ReplyByEmailAsync(v, u, Id, new Intake.EmailReplyInput(Text), ct)).Result, ct, noteForm: true);

    public Task<IActionResult> OnPostProgressAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.ProgressAsync(v, u, Id, new NoteInput(Text), ct), ct, noteForm: true);

    public Task<IActionResult> OnPostEscalateAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.EscalateAsync(v, u, Id, new NoteInput(Text), ct), ct, noteForm: true);

    public Task<IActionResult> OnPostInvestigateAsync(CancellationToken ct) =>
        RunAsync(CanInvestigate, (v, u) => incidents.InvestigateAsync(v, u, Id, new InvestigationInput(Text, Concealed, CostsYuan, Falsified, ReportedLate), ct), ct);

    public Task<IActionResult> OnPostCallbackAsync(CancellationToken ct) =>
        RunAsync(CanAct, (v, u) => archive.CallBackAsync(v, u, Id,
            new CallbackInput(CalledAt is { } local ? new DateTimeOffset(Kefu.Web.Platform.CompanyTime.LocalToUtc(local), TimeSpan.Zero) : null, Satisfied, CallbackText), ct), ct);

    public Task<IActionResult> OnPostPlanAsync(CancellationToken ct) => RunAsync(CanWritePlan, (v, u) => incidents.SubmitPlanAsync(v, u, Id, new NoteInput(Text), ct), ct);

    public Task<IActionResult> OnPostSendPlanAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.SendPlanAsync(v, u, Id, ct), ct);

    public Task<IActionResult> OnPostFlagMajorAsync(CancellationToken ct) =>
        RunAsync(CanFlagMajor, (v, u) => incidents.FlagMajorAsync(v, u, Id, new MajorInput(MajorReason), ct), ct);

    public async Task<IActionResult> OnPostMajorFollowUpAsync(CancellationToken ct)
    {
        var result = await RunAsync(CanFollowUpMajor, (v, u) => incidents.FollowUpMajorAsync(v, u, Id, new NoteInput(FollowUp), ct), ct, noteForm: true);
        // The follow-up box has its own name: a refused text is shown under it, not under the actions' note.
        if (ModelState.TryGetValue(nameof(Text), out var entry) && entry.Errors.Count > 0)
        {
            foreach (var error in entry.Errors.ToArray())
            {
                ModelState.AddModelError(nameof(FollowUp), error.ErrorMessage);
            }

            ModelState.Remove(nameof(Text));
        }

        return result;
    }

    public Task<IActionResult> OnPostCloseAsync(CancellationToken ct) => RunAsync(CanAct, (v, u) => incidents.CloseAsync(v, u, Id, new NoteInput(Text), ct), ct, noteForm: true);

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        var (result, outcome) = await incidents.DecidePlanAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new PlanDecisionInput(Action, Text), ct);
        if (result is IncidentResult.NotFound)
        {
            return NotFound();
        }

        if (result is IncidentResult.Invalid invalid)
        {
            invalid.Problems.CopyToSummary(ModelState);
        }
        else if (outcome is ApprovalOutcome.Refused refused)
        {
            ModelState.AddModelError(string.Empty, Kefu.Web.Platform.Localization.Text.Get("ApprovalRefusal." + refused.Refusal));
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/incidents/{Id}");
    }

    /// <summary>Runs an action; a refused note (empty, too long) is shown under the note box of the actions card.</summary>
    private async Task<IActionResult> RunAsync(bool allowed, Func<Kefu.Core.Organization.ScopeViewer, string, Task<IncidentResult>> action, CancellationToken ct, bool noteForm = false)
    {
        if (!allowed)
        {
            return Forbid();
        }

        var result = await action(await current.GetViewerAsync(ct), current.UserId!);
        switch (result)
        {
            case IncidentResult.NotFound:
                return NotFound();
            case IncidentResult.Invalid invalid:
                foreach (var (field, messages) in invalid.Problems.Errors)
                {
                    foreach (var message in messages)
                    {
                        ModelState.AddModelError(noteForm && field == "text" ? nameof(Text) : string.Empty, message);
                    }
                }

                await LoadAsync(ct);
                return Page();
            default:
                return Redirect($"/incidents/{Id}");
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(i => i.Id == Id, ct);
        if (incident is null)
        {
            return false;
        }

        Incident = incident;
        var viewer = await current.GetViewerAsync(ct);
        OrderId = string.IsNullOrWhiteSpace(incident.OrderReference) ? null
            : await db.Set<Kefu.Web.Modules.Orders.Order>().AsNoTracking().VisibleTo(viewer)
                .Where(o => o.Number == incident.OrderReference.Trim()).Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);
        Policy = await policies.GetAsync<Kefu.Core.Incidents.IncidentPolicy>(Kefu.Core.Incidents.IncidentPolicy.Key, ct);
        if (incident.Major)
        {
            MajorByName = incident.MajorByUserId is null ? null : await db.Users.AsNoTracking().Where(u => u.Id == incident.MajorByUserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);
            var managers = await recipients.UserIdsAsync([Kefu.Core.Incidents.MajorComplaints.RegionalManager.ToString()], incident.OrgPath, ct);
            var managerIds = managers.ToArray();
            var names = await db.Users.AsNoTracking().Where(u => managerIds.Contains(u.Id)).OrderBy(u => u.DisplayName).Select(u => u.DisplayName).ToListAsync(ct);
            RegionalManagers = names.Count == 0 ? Kefu.Web.Platform.Localization.Shown.Nothing : string.Join("、", names);
        }

        SubjectDisplay = incident.SubjectUserId is { } subject
            ? await db.Users.AsNoTracking().Where(u => u.Id == subject).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : incident.SubjectName;
        CallbackByName = incident.CallbackByUserId is { } caller
            ? await db.Users.AsNoTracking().Where(u => u.Id == caller).Select(u => u.DisplayName).SingleOrDefaultAsync(ct)
            : null;
        ReportedOnTime = Kefu.Core.Incidents.IncidentFines.ReportedOnTime(new DateTimeOffset(incident.EmailDueAt, TimeSpan.Zero),
            incident.EmailSentAt is { } sentAt ? new DateTimeOffset(sentAt, TimeSpan.Zero) : null, clock.GetUtcNow());
        Timeline = await IncidentsModule.TimelineAsync(db, Id, ct);
        var key = Id.ToString(CultureInfo.InvariantCulture);
        var timers = await db.Set<SlaTimer>().AsNoTracking().Where(t => t.RecordType == nameof(Incident) && t.RecordId == key).OrderBy(t => t.Id).ToListAsync(ct);
        Timers = await SlaApi.ToDtosAsync(timers, calendars, clock, ct);
        var (instance, _) = await approvals.ForSubjectAsync(IncidentUseCases.SubjectType, key, ct);
        PlanStep = instance?.CurrentStepKey;
        IsPlanApprover = instance is { Status: ApprovalStatus.Pending } && instance.CurrentApproverId == current.UserId;
        return true;
    }
}
