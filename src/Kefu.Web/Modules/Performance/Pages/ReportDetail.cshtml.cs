using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
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

namespace Kefu.Web.Modules.Performance.Pages;

public sealed record ReportHistoryEntry(DateTime At, string StepKey, ApprovalAction Action, string Actor, string? Comment);

/// <summary>
/// A monthly CS work report (PERF-08): its figures as charts with the tables beneath, the manager's
/// commentary (editable with the figures refreshable until it is approved), the approver's decision,
/// the approval history and the PDF — the archived one once approved.
/// </summary>
[Authorize(Policy = MonthlyReportsApi.ReadPolicy)]
public sealed class ReportDetailModel(MonthlyReportUseCases uc, ApprovalService approvals, KefuDbContext db, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public string? Commentary { get; set; }
    [BindProperty] public int? Version { get; set; }
    [TempData] public string? Message { get; set; }

    public MonthlyReportDto Dto { get; private set; } = null!;
    public MonthlyReportFigures Figures => Dto.Figures;
    public IReadOnlyList<ReportHistoryEntry> History { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public bool CanWrite { get; private set; }
    public bool CanEdit => CanWrite && MonthlyReportRules.MayEdit(Dto.Status);
    public bool IsApprover { get; private set; }

    public string Name(string? id) => id is not null && Names.TryGetValue(id, out var n) ? n : Shown.Nothing;

    public string KindLabel(string recordType) => recordType == "All" ? l["Report.AllKinds"] : ReportLabels.Kind(recordType, key => l[key].Value);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        Commentary = Dto.Commentary;
        Version = Dto.Version;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken ct)
    {
        var report = await uc.ReadableAsync(await current.GetViewerAsync(ct), current.UserId!, Id, ct);
        if (report is null)
        {
            return NotFound();
        }

        var (pdf, missing) = await uc.PdfAsync(report, ct);
        if (pdf is null)
        {
            Message = l["Report.NoPdf", missing ?? ""];
            return Redirect($"/performance/reports/{Id}");
        }

        return File(pdf, "application/pdf", MonthlyReportsApi.FileName(report));
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken ct) => EditAsync(submit: false, ct);

    public Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) => EditAsync(submit: true, ct);

    public async Task<IActionResult> OnPostRefreshAsync(CancellationToken ct)
    {
        if (!MonthlyReportUseCases.Writers.Any(current.IsInRole))
        {
            return Forbid();
        }

        return await AfterAsync(await uc.RefreshAsync(await current.GetViewerAsync(ct), Id, ct), l["Report.Refreshed"], ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(string? stepKey, ApprovalAction? action, string? comment, CancellationToken ct)
    {
        // As the API's WritePolicy.Act: anyone but a read-only auditor; the use case checks the approver.
        if (!(await current.GetRolesAsync(ct)).Any(r => r != Role.ReadOnlyAuditor))
        {
            return Forbid();
        }

        var (result, outcome) = await uc.DecideAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new ReportDecisionInput(stepKey, action, comment), ct);
        switch (outcome)
        {
            case null when result is PerfResult<MonthlyReport>.NotFound:
                return NotFound();
            case null when result is PerfResult<MonthlyReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                break;
            case null when result is PerfResult<MonthlyReport>.Conflict conflict:
                ModelState.AddModelError(string.Empty, l[conflict.Key]);
                break;
            case ApprovalOutcome.Done:
                Message = l["Report.Decided"];
                return Redirect($"/performance/reports/{Id}");
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover }:
                return Forbid();
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }:
                ModelState.AddModelError("comment", l["Expense.CommentRequired"]);
                break;
            case ApprovalOutcome.NoApprover missing:
                ModelState.AddModelError(string.Empty, l["Orders.NoApprover", missing.StepKey, missing.Role]);
                break;
            default:
                ModelState.AddModelError(string.Empty, l["Report.NotInApproval"]);
                break;
        }

        return await ReloadAsync(ct, keepInput: false);
    }

    private async Task<IActionResult> EditAsync(bool submit, CancellationToken ct)
    {
        if (!MonthlyReportUseCases.Writers.Any(current.IsInRole))
        {
            return Forbid();
        }

        var viewer = await current.GetViewerAsync(ct);
        var saved = await uc.CommentAsync(viewer, Id, new ReportCommentaryInput(Commentary, Version), ct);
        if (saved is not PerfResult<MonthlyReport>.Ok || !submit)
        {
            return await AfterAsync(saved, l["Report.Saved"], ct, keepInput: true);
        }

        return await AfterAsync(await uc.SubmitAsync(viewer, current.UserId!, current.IsInRole(Role.CsManager), Id, ct), l["Report.Submitted"], ct, keepInput: true);
    }

    private async Task<IActionResult> AfterAsync(PerfResult<MonthlyReport> result, string done, CancellationToken ct, bool keepInput = false)
    {
        switch (result)
        {
            case PerfResult<MonthlyReport>.Ok:
                Message = done;
                return Redirect($"/performance/reports/{Id}");
            case PerfResult<MonthlyReport>.NotFound:
                return NotFound();
            case PerfResult<MonthlyReport>.Invalid invalid:
                invalid.Problems.CopyToSummary(ModelState);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case PerfResult<MonthlyReport>.Conflict conflict:
                ModelState.AddModelError(string.Empty, l[conflict.Key]);
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        return await ReloadAsync(ct, keepInput);
    }

    private async Task<IActionResult> ReloadAsync(CancellationToken ct, bool keepInput = false)
    {
        var (commentary, version) = (Commentary, Version);
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        (Commentary, Version) = keepInput ? (commentary, version) : (Dto.Commentary, Dto.Version);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var visible = await uc.Reports(viewer).AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct);
        IsApprover = await uc.IsApproverAsync(current.UserId!, Id, ct);
        // The approver of the current step reads what they are asked to approve, even outside their scope.
        var report = visible ?? (IsApprover ? await db.Set<MonthlyReport>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct) : null);
        if (report is null)
        {
            return false;
        }

        CanWrite = visible is not null && MonthlyReportUseCases.Writers.Any(current.IsInRole);
        Dto = await MonthlyReportsApi.ToDtoAsync(report, approvals, db, ct);
        var (_, history) = await approvals.ForSubjectAsync(MonthlyReportUseCases.SubjectType, Id.ToString(CultureInfo.InvariantCulture), ct);
        var people = history.Select(h => h.ActorId).Append(report.CreatedById).Append(Dto.CurrentApproverId).Append(report.ApprovedById).OfType<string>().Distinct().ToArray();
        Names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        History = history.Select(h => new ReportHistoryEntry(h.At, h.StepKey, h.Action, Name(h.ActorId), h.Comment)).ToArray();
        return true;
    }
}
