using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Field;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Field.Pages;

public sealed record ReportHistoryLine(DateTime At, string StepKey, ApprovalAction Action, string Actor, string? Comment);

/// <summary>
/// A resident monthly report (FLD-09): the author edits and submits it while a draft or returned;
/// the current approver decides (and reads it even outside their scope); once stamped the
/// key-account department sends it with the rating link; the customer's rating shows when given.
/// </summary>
[Authorize(Policy = ResidentTeamApi.ReportReadPolicy)]
public sealed class ResidentReportDetailModel(ResidentUseCases resident, ApprovalService approvals, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ReportForm
    {
        public string? WorkSummary { get; set; }
        public string? Problems { get; set; }
        public string? Suggestions { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public ReportForm Input { get; set; } = new();
    [BindProperty] public string? RespondentName { get; set; }
    [BindProperty] public string? RespondentEmail { get; set; }
    [TempData] public string? Message { get; set; }

    /// <summary>The survey link just made by "send to customer", shown once to copy.</summary>
    [TempData] public string? Link { get; set; }

    public ResidentReport Report { get; private set; } = null!;
    public ResidentReportDto Dto { get; private set; } = null!;
    public string PostName { get; private set; } = "";
    public IReadOnlyList<ReportHistoryLine> History { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public SurveyResponseView? Rating { get; private set; }
    public bool IsOwner => Report.OwnerId == current.UserId;
    public bool CanEdit => IsOwner && Report.Status is ResidentReportStatus.Draft or ResidentReportStatus.Returned && FieldModule.Workers.Any(current.IsInRole);
    public bool IsApprover { get; private set; }
    public bool CanSend { get; private set; }

    public sealed record SurveyResponseView(Kefu.Core.Visits.SatisfactionRating? Rating, DateTime AnsweredAt);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Input = new ReportForm { WorkSummary = Report.WorkSummary, Problems = Report.Problems, Suggestions = Report.Suggestions, Version = Report.Version };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => SaveAsync(submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => SaveAsync(submit: true, ct);

    public async Task<IActionResult> OnPostDecideAsync(string? stepKey, ApprovalAction? action, string? comment, CancellationToken ct)
    {
        // As the API's WritePolicy.Act: anyone but a read-only auditor; the use case checks the approver.
        if (!(await current.GetRolesAsync(ct)).Any(r => r != Kefu.Core.Organization.Role.ReadOnlyAuditor))
        {
            return Forbid();
        }

        var (result, outcome) = await resident.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new ReportDecisionInput(stepKey, action, comment), ct);
        switch (outcome)
        {
            case null when result is FieldResult<ResidentReport>.NotFound:
                return NotFound();
            case null when result is FieldResult<ResidentReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case ApprovalOutcome.Done:
                Message = l["Resident.Decided"];
                return Redirect($"/field/resident/reports/{Id}");
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover }:
                return Forbid();
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }:
                ModelState.AddModelError("comment", l["Expense.CommentRequired"]);
                break;
            case ApprovalOutcome.NoApprover missing:
                ModelState.AddModelError(string.Empty, l["Orders.NoApprover", missing.StepKey, missing.Role]);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Resident.WrongStatus"]);
                break;
        }

        return await ReloadAsync(ct);
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        if (!ResidentUseCases.Senders.Any(current.IsInRole))
        {
            return Forbid();
        }

        var result = await resident.SendAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new SendInput(null, RespondentName, RespondentEmail, null),
            $"{Request.Scheme}://{Request.Host}", ct);
        switch (result)
        {
            case FieldResult<ResidentReport>.Ok ok:
                Message = l["Resident.ReportSent"];
                Link = ok.Link;
                return Redirect($"/field/resident/reports/{Id}");
            case FieldResult<ResidentReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case FieldResult<ResidentReport>.Conflict:
                ModelState.AddModelError(string.Empty, l["Resident.WrongStatus"]);
                break;
            default:
                return NotFound();
        }

        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> SaveAsync(bool submit, CancellationToken ct)
    {
        if (!FieldModule.Workers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var saved = await resident.UpdateReportAsync(viewer, current.UserId!, Id, new ReportInput(null, Input.WorkSummary, Input.Problems, Input.Suggestions, Input.Version), ct);
        switch (saved)
        {
            case FieldResult<ResidentReport>.NotFound:
                return NotFound();
            case FieldResult<ResidentReport>.Invalid invalid:
                FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Input));
                return await ReloadAsync(ct, keepInput: true);
            case FieldResult<ResidentReport>.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                return await ReloadAsync(ct, keepInput: true);
        }

        if (!submit)
        {
            Message = l["Common.Saved"];
            return Redirect($"/field/resident/reports/{Id}");
        }

        switch (await resident.SubmitReportAsync(current.UserId!, Id, ct))
        {
            case FieldResult<ResidentReport>.Ok:
                Message = l["Resident.ReportSubmitted"];
                return Redirect($"/field/resident/reports/{Id}");
            case FieldResult<ResidentReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Resident.WrongStatus"]);
                break;
        }

        return await ReloadAsync(ct);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct, bool keepInput = false)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (!keepInput)
        {
            Input = new ReportForm { WorkSummary = Report.WorkSummary, Problems = Report.Problems, Suggestions = Report.Suggestions, Version = Report.Version };
        }

        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var (instance, history) = await approvals.ForSubjectAsync(ResidentUseCases.ReportSubjectType, Id.ToString(CultureInfo.InvariantCulture), ct);
        IsApprover = instance is { Status: ApprovalStatus.Pending } && (instance.CurrentApproverId == current.UserId
            || await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == current.UserId && d.DelegatorId == instance.CurrentApproverId, ct));
        var visible = await resident.VisibleReports(viewer).AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct);
        // The approver of the current step reads what they are asked to approve, even outside their scope.
        var report = visible ?? (IsApprover ? await db.Set<ResidentReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct) : null);
        if (report is null)
        {
            return false;
        }

        Report = report;
        Dto = await ResidentTeamApi.ToDtoAsync(report, resident, approvals, null, ct);
        CanSend = visible is not null && ResidentUseCases.Senders.Any(current.IsInRole) && report.Status == ResidentReportStatus.Stamped;
        PostName = await db.Set<ResidentPost>().AsNoTracking().Where(p => p.Id == report.PostId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? "";
        var answer = await resident.RatingAsync(report, ct);
        Rating = answer is null ? null : new SurveyResponseView(answer.Rating, answer.AnsweredAt);
        var people = history.Select(h => h.ActorId).Append(report.OwnerId).Append(Dto.CurrentApproverId).Append(report.StampedById).Append(report.SentById).OfType<string>().Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        History = history.Select(h => new ReportHistoryLine(h.At, h.StepKey, h.Action, Names.GetValueOrDefault(h.ActorId, Shown.Nothing), h.Comment)).ToArray();
        return true;
    }
}
