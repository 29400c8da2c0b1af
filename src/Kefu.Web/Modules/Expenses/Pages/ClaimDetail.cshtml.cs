using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Money;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Sla;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Expenses.Pages;

/// <summary>A claim: its lines, its place in the chain, the approver's actions (EXP-05, EXP-08) and the history.</summary>
[Authorize(Policy = ExpensesModule.ReadPolicy)]
public sealed class ClaimDetailModel(
    ClaimUseCases claims, KefuDbContext db, CurrentUser current, ApprovalService approvals, CalendarService calendars, TimeProvider clock,
    Kefu.Web.Platform.Attachments.AttachmentStore attachments, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class ReviewForm
    {
        public int LineId { get; set; }
        public string? ApprovedAmount { get; set; }
        public bool Rejected { get; set; }
        public string? Reason { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public List<ReviewForm> Reviews { get; set; } = [];
    [BindProperty] public string? StepKey { get; set; }
    [BindProperty] public string? Comment { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [TempData] public string? Message { get; set; }

    public ClaimDto Claim { get; private set; } = null!;

    /// <summary>The job sheets the lines name that the reader may open, by number.</summary>
    public IReadOnlyDictionary<string, int> JobLinks { get; private set; } = new Dictionary<string, int>();
    public bool CanAct { get; private set; }
    public bool IsClaimant { get; private set; }
    public string? WaitingFinance { get; private set; }
    public IReadOnlyList<TimerDto> Timers { get; private set; } = [];

    /// <summary>EXP-12: the batch the paper form travels in, when it was mailed and when HQ received it.</summary>
    public (int BatchId, string? MailedAt, string? ReceivedAt)? Paper { get; private set; }

    /// <summary>EXP-12: at the auditor's step while the paper is still in the post: no deadline runs yet.</summary>
    public bool PaperWaiting { get; private set; }
    public IReadOnlyList<Kefu.Web.Platform.Attachments.Attachment> Attachments { get; private set; } = [];

    public string Yuan(decimal yuan) => Money.FromYuan(yuan).ToString();

    /// <summary>
    /// A line's review note in words: a fine without a note is stored as its reason's name and the
    /// rule ("FalseClaim（EXP-09）"), which reads as the reason's label, never the internal name.
    /// </summary>
    public string ReviewText(string? reason)
    {
        const string Suffix = "（EXP-09）";
        return reason is not null && reason.EndsWith(Suffix, StringComparison.Ordinal)
            && Enum.TryParse<Kefu.Core.Expenses.FineReason>(reason[..^Suffix.Length], out var fine) && Enum.IsDefined(fine)
            ? l["FineReason." + fine].Value
            : reason ?? "";
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    /// <summary>PLT-02: a receipt scan or the travel summary, from a phone's camera too.</summary>
    public async Task<IActionResult> OnPostAttachAsync(string? kind, IFormFile? file, CancellationToken ct)
    {
        var (saved, problems, found) = await ExpensesModule.AttachAsync(Id, kind, file, current.UserId!, db, attachments, ct);
        if (!found)
        {
            return NotFound();
        }

        if (saved is null)
        {
            await LoadAsync(ct);
            problems.CopyToSummary(ModelState);

            return Page();
        }

        Message = l["Common.Saved"];
        return Redirect($"/expenses/{Id}");
    }

    /// <summary>The claimant deletes a draft never submitted (it has no number: no gap opens, EXP-02).</summary>
    public async Task<IActionResult> OnPostDeleteAsync(CancellationToken ct)
    {
        switch (await claims.DeleteDraftAsync(current.UserId!, Id, ct))
        {
            case ClaimResult.Ok:
                Message = l["Claims.Deleted"];
                return Redirect("/expenses");
            case ClaimResult.Conflict:
                if (!await LoadAsync(ct))
                {
                    return NotFound();
                }

                ModelState.AddModelError(string.Empty, l["Claims.NotDeletable"]);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>A draft never submitted: it has no number yet, and its claimant may delete it.</summary>
    public bool CanDelete => IsClaimant && Claim.Status == nameof(ClaimStatus.Draft) && Claim.Number is null;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        if (Decision == "Submit")
        {
            return Outcome(await claims.SubmitAsync(current.UserId!, Id, ct), null);
        }

        if (!Enum.TryParse<ApprovalAction>(Decision, out var action))
        {
            return BadRequest();
        }

        var reviews = new List<LineReview>();
        foreach (var review in Reviews)
        {
            var line = Claim.Lines.FirstOrDefault(x => x.Id == review.LineId);
            if (line is null)
            {
                continue;
            }

            if (!Money.TryParseYuan(review.ApprovedAmount, out var approved))
            {
                ModelState.AddModelError(string.Empty, l["Claims.BadAmount"]);
                return Page();
            }

            if (approved.Yuan != line.Amount || review.Rejected || (review.Reason ?? "") != (line.ReviewReason ?? ""))
            {
                reviews.Add(new LineReview(review.LineId, approved.Yuan, review.Rejected, review.Reason));
            }
        }

        var (result, outcome) = await claims.DecideAsync(current.UserId!, Id, new ClaimDecisionInput(StepKey, action, Comment, reviews), await current.GetViewerAsync(ct), ct);
        return Outcome(result, outcome);
    }

    private IActionResult Outcome(ClaimResult result, ApprovalOutcome? outcome)
    {
        switch (result, outcome)
        {
            case (ClaimResult.Invalid invalid, _):
                invalid.Problems.CopyToSummary(ModelState);

                return Page();
            case (_, ApprovalOutcome.Refused refused):
                ModelState.AddModelError(string.Empty, l["ApprovalRefusal." + refused.Refusal]);
                return Page();
            case (_, ApprovalOutcome.NoApprover missing):
                ModelState.AddModelError(string.Empty, l["Expense.NoApprover", missing.StepKey, missing.Role]);
                return Page();
            case (_, ApprovalOutcome.NotOpenYet wait):
                ModelState.AddModelError(string.Empty, l["Expense.FinanceWindowClosed", wait.OpensAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
                return Page();
            case (ClaimResult.Ok, _):
                Message = l["Common.Saved"];
                return Redirect($"/expenses/{Id}");
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var claim = await ClaimQueries.LoadAsync(Id, current.UserId!, db, current, approvals, ct);
        if (claim is null)
        {
            return false;
        }

        Claim = claim;
        JobLinks = await JobSheetNumbers.LinksAsync(db, current, claim.Lines.Select(l => l.WorkOrders), ct);
        IsClaimant = claim.ClaimantId == current.UserId;
        Attachments = await attachments.ForRecordAsync(ClaimUseCases.SubjectType, Id.ToString(CultureInfo.InvariantCulture), ct);
        var (instance, _) = await approvals.ForSubjectAsync(ClaimUseCases.SubjectType, Id.ToString(CultureInfo.InvariantCulture), ct);
        if (instance is { Status: ApprovalStatus.Pending })
        {
            var delegations = await db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.DeputyId == current.UserId)
                .Select(d => new Delegation(d.DelegatorId, d.DeputyId, d.From, d.To)).ToListAsync(ct);
            var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
            CanAct = ApprovalEngine.MayAct(new ApprovalState(instance.Status, instance.Keys(), instance.CurrentIndex, instance.CurrentApproverId, []), current.UserId!, delegations, today);
            if (instance.StepStartedAt is { } opens && SlaService.Utc(opens) > clock.GetUtcNow())
            {
                WaitingFinance = SlaService.Utc(opens).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            }

            var timers = await db.Set<SlaTimer>().AsNoTracking()
                .Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == instance.Id.ToString()).ToListAsync(ct);
            Timers = await SlaApi.ToDtosAsync(timers.Where(t => t.Status != TimerStatus.Stopped), calendars, clock, ct);
        }

        var paper = await (from i in db.Set<ClaimBatchItem>().AsNoTracking()
                           join b in db.Set<ClaimBatch>() on i.BatchId equals b.Id
                           where i.ClaimId == Id
                           select new { i.BatchId, b.MailedAt, i.ReceivedAt }).SingleOrDefaultAsync(ct);
        if (paper is not null)
        {
            Paper = (paper.BatchId, ExpensesModule.Time(paper.MailedAt)?[..10], ExpensesModule.Time(paper.ReceivedAt)?[..10]);
            PaperWaiting = paper.ReceivedAt is null && instance is { Status: ApprovalStatus.Pending } && instance.CurrentStepKey == Kefu.Core.Expenses.PaperFlow.AuditorStep
                && Timers.Count == 0;
        }

        return true;
    }
}
