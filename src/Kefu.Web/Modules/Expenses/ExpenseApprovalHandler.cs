using Kefu.Core.Approvals;
using Kefu.Core.Expenses;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

/// <summary>The expense module's part in its chain: the finance window (EXP-07) and the claim's status.</summary>
internal sealed class ExpenseApprovalHandler(KefuDbContext db, PolicyStore policies, CalendarService calendars, TimeProvider clock, ClaimFines fines) : IApprovalSubjectHandler
{
    public const string FinanceStep = "finance";

    public string SubjectType => ClaimUseCases.SubjectType;

    /// <summary>
    /// EXP-07: a form reaching finance between the 29th and the 9th waits until the 10th; its 7-WD
    /// payment clock starts at the first working moment of that day on the claimant's calendar.
    /// </summary>
    public async Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct)
    {
        if (stepKey != FinanceStep)
        {
            return now;
        }

        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var path = await db.Set<ExpenseClaim>().Where(c => c.Id == int.Parse(subjectId, System.Globalization.CultureInfo.InvariantCulture))
            .Select(c => c.OrgPath).SingleAsync(ct);
        var calendar = await calendars.ForOrgPathAsync(db, path, ct);
        var today = DateOnly.FromDateTime(calendar.ToCalendarTime(now).DateTime);
        var accepts = ExpenseRules.FinanceAcceptsOn(today, policy);
        if (accepts == today)
        {
            return now;
        }

        var midnight = new DateTimeOffset(accepts.ToDateTime(TimeOnly.MinValue), calendar.ToCalendarTime(now).Offset);
        return calendar.AddWorkingMinutes(midnight, 0);
    }

    /// <summary>EXP-12: the auditor's deadline waits while the form's paper is in a batch HQ has not received.</summary>
    public async Task<bool> StepClockHeldAsync(string subjectId, string stepKey, CancellationToken ct)
    {
        if (stepKey != PaperFlow.AuditorStep)
        {
            return false;
        }

        var claimId = int.Parse(subjectId, System.Globalization.CultureInfo.InvariantCulture);
        var item = await db.Set<ClaimBatchItem>().AsNoTracking().Where(i => i.ClaimId == claimId).Select(i => new { i.ReceivedAt }).SingleOrDefaultAsync(ct);
        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        return PaperFlow.AuditorClockHeld(item is not null, item?.ReceivedAt is not null, policy);
    }

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().SingleAsync(c => c.Id == int.Parse(subjectId, System.Globalization.CultureInfo.InvariantCulture), ct);
        claim.Status = status switch
        {
            ApprovalStatus.Pending => ClaimStatus.InReview,
            ApprovalStatus.Approved => ClaimStatus.Paid,
            ApprovalStatus.Rejected => ClaimStatus.Rejected,
            ApprovalStatus.Returned => ClaimStatus.Returned,
        };
        if (status == ApprovalStatus.Approved)
        {
            claim.PaidAt = clock.GetUtcNow().UtcDateTime;
        }

        if (decision is { StepKey: PaperFlow.AuditorStep } && await db.Set<Approvals.ApprovalInstance>().FindAsync([decision.InstanceId], ct) is { } instance)
        {
            await fines.AuditorLateAsync(instance, actorId, ct);
        }
    }
}
