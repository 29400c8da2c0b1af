using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Expenses;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Performance.Contracts;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

public sealed record FineInput(FineReason? Reason, int? LineId, string? Note);

/// <summary>EXP-09: fines raised by a reviewer on a claim, and the auditor's fine for reviewing late.</summary>
public sealed class ClaimFines(KefuDbContext db, PolicyStore policies, ApproverResolver resolver, IPenaltyLedger ledger, CalendarService calendars, TimeProvider clock)
{
    public const string Evidence = "ExpenseClaim";

    /// <summary>Records a reviewer's finding; a false claim also takes the line out of the payment.</summary>
    public async Task<(int Recorded, ProblemBuilder Problems, bool Found)> RaiseAsync(int claimId, FineInput input, ScopeViewer viewer, string by, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var claim = await db.Set<ExpenseClaim>().Include(c => c.Lines).VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == claimId, ct);
        if (claim is null)
        {
            return (0, problems, false);
        }

        if (claim.Status != ClaimStatus.InReview)
        {
            problems.Add("claimId", "Expense.FineNotInReview");
            return (0, problems, true);
        }

        if (input.Reason is not { } reason || reason == FineReason.AuditorLate || !Enum.IsDefined(reason))
        {
            problems.Add("reason", "Expense.BadFineReason");
            return (0, problems, true);
        }

        var line = input.LineId is { } lineId ? claim.Lines.SingleOrDefault(l => l.Id == lineId) : null;
        if (input.LineId is not null && line is null)
        {
            problems.Add("lineId", "Expense.UnknownLine");
        }

        if (reason == FineReason.FalseClaim && line is null)
        {
            problems.Add("lineId", "Expense.FalseClaimNeedsLine");
        }

        problems.MaxLength("note", input.Note, 500);
        if (problems.HasErrors)
        {
            return (0, problems, true);
        }

        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var supervisorStep = new ApprovalStep("supervisor", Role.CentreSupervisor, ApproverLevel.Centre);
        var supervisor = (await resolver.ForSubjectAsync(claim.OrgPath, claim.ClaimantId, ct))(supervisorStep);
        var evidence = line is null ? claim.Id.ToString(CultureInfo.InvariantCulture) : $"{claim.Id}:{line.Id}";
        var fines = ExpenseFines.For(reason, claim.ClaimantId, supervisor, policy);
        var recorded = await ledger.RecordAsync(fines.Select(f => new LedgerLine(
            f.PersonId, f.RuleId, f.Reason.ToString(), -f.AmountYuan, Evidence, evidence, f.ForcedRating, input.Note)), by, ct);
        // EXP-09: a false line is not paid; a late submission is not reimbursed (the named line, or the whole form).
        var unpaid = reason switch
        {
            FineReason.FalseClaim => [line!],
            FineReason.LateSubmission => line is null ? claim.Lines : [line],
            _ => new List<ExpenseLine>(),
        };
        foreach (var l in unpaid)
        {
            l.Rejected = true;
            l.ReviewReason = string.IsNullOrWhiteSpace(input.Note) ? $"{reason}（EXP-09）" : input.Note.Trim();
        }

        if (unpaid.Count > 0)
        {
            claim.PayableFen = claim.Lines.Sum(l => l.Rejected ? 0 : Math.Min(l.ApprovedFen ?? long.MaxValue, l.AmountFen - l.ExcessFen));
        }

        await db.SaveChangesAsync(ct);
        return (recorded, problems, true);
    }

    /// <summary>
    /// EXP-09: when the auditor's step was breached, 20 CNY (policy) per working day late, once per
    /// branch and day of the review. Days late are working time past the due instant, rounded up to
    /// whole working days on the claim's calendar, so holidays do not count.
    /// </summary>
    public async Task AuditorLateAsync(ApprovalInstance instance, string auditorId, CancellationToken ct)
    {
        var id = instance.Id.ToString(CultureInfo.InvariantCulture);
        // The instance's deadlines are few; the auditor's is the latest whose name was written for the auditor's step.
        var timer = (await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == ApprovalService.TimerRecordType && t.RecordId == id)
            .OrderByDescending(t => t.Id).ToListAsync(ct)).FirstOrDefault(t => ApprovalService.StepKeyOf(t) == PaperFlow.AuditorStep);
        var now = clock.GetUtcNow();
        if (timer is null || SlaService.Utc(timer.DueAt) >= now)
        {
            return;
        }

        var calendar = await calendars.GetAsync(timer.CalendarId, ct);
        var late = calendar.WorkingTimeBetween(SlaService.Utc(timer.DueAt), now);
        var days = (int)Math.Ceiling(late.Ticks / (double)calendar.WorkingTimePerDay.Ticks);
        if (days <= 0)
        {
            return;
        }

        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var (_, branch) = await Kefu.Web.Platform.Auth.OrgTree.AnchorsAsync(db, instance.OrgPath, ct);
        var fine = ExpenseFines.AuditorLate(auditorId, days, branches: 1, policy);
        var day = calendar.ToCalendarTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // One fine per branch and review day: a later, longer-late review of the same branch that day raises it.
        var evidence = $"{branch}:{day}";
        var existing = await db.Set<Kefu.Web.Modules.Performance.LedgerEntry>()
            .SingleOrDefaultAsync(e => e.PersonId == auditorId && e.EvidenceType == "AuditorReview" && e.EvidenceId == evidence, ct);
        if (existing is not null)
        {
            existing.AmountFen = Math.Min(existing.AmountFen, -Kefu.Core.Money.Money.FromYuan(fine.AmountYuan).Fen);
            return;
        }

        await ledger.RecordAsync([new LedgerLine(auditorId, fine.RuleId, fine.Reason.ToString(), -fine.AmountYuan, "AuditorReview", evidence,
            Note: Kefu.Web.Platform.Localization.LocalText.Of("Ledger.AuditorLateNote", instance.Title, days).Store(500))], "system", ct);
    }
}
