using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

/// <summary>Reads of claims for the API and the pages, always through the caller's scope (ORG-03).</summary>
public sealed class ClaimQueries(KefuDbContext db)
{
    /// <summary>The columns the claim list sorts on (pages and API); the claimant by name.</summary>
    public SortMap<ExpenseClaim> Sorts() => new SortMap<ExpenseClaim>(q => q.OrderByDescending(c => c.Id), q => q.ThenByDescending(c => c.Id))
        .Add("number", c => c.Number).Add("claimant", c => db.Users.Where(u => u.Id == c.ClaimantId).Select(u => u.DisplayName).FirstOrDefault())
        .Add("status", c => c.Status).Add("claimed", c => c.ClaimedFen).Add("payable", c => c.PayableFen).Add("submitted", c => c.SubmittedAt);

    public async Task<Paged<ClaimRowDto>> ListAsync(ScopeViewer viewer, ClaimStatus? status, int? page, int? pageSize, CancellationToken ct, bool export = false,
        bool mine = false, bool atPayment = false, ListSort? sort = null)
    {
        var (p, size) = export ? (1, pageSize ?? Paging.MaxExportRows) : Paging.Clamp(page, pageSize);
        var query = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer);
        if (status is { } s)
        {
            query = query.Where(c => c.Status == s);
        }

        query = mine ? query.Where(c => c.ClaimantId == viewer.UserId) : query;
        query = atPayment ? AtPayment(query) : query;

        var total = await query.CountAsync(ct);
        var rows = await (from c in Sorts().Apply(query, sort).Skip((p - 1) * size).Take(size)
                          join u in db.Users on c.ClaimantId equals u.Id
                          select new { c, u.UserName, u.DisplayName }).ToListAsync(ct);
        var ids = rows.Select(r => r.c.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
        var steps = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == ClaimUseCases.SubjectType && ids.Contains(i.SubjectId) && i.Status == ApprovalStatus.Pending)
            .Select(i => new { i.SubjectId, i.StepKeys, i.CurrentIndex }).ToListAsync(ct);
        return new Paged<ClaimRowDto>(rows.Select(r => new ClaimRowDto(
            r.c.Id, r.c.DisplayNumber(r.UserName!), r.DisplayName, r.c.Status.ToString(), new Money(r.c.ClaimedFen).Yuan, new Money(r.c.PayableFen).Yuan,
            ExpensesModule.Time(r.c.SubmittedAt), steps.FirstOrDefault(x => x.SubjectId == r.c.Id.ToString(CultureInfo.InvariantCulture)) is { } st
                ? st.StepKeys.Split(',')[st.CurrentIndex] : null)).ToArray(), p, size, total);
    }

    /// <summary>
    /// Approved by every reviewer and waiting for finance to pay (EXP-05, RPT-01): the claim's chain
    /// stands at its last step, which is finance's payment. A chain's steps are "a,b,finance", so the
    /// last index is the number of commas.
    /// </summary>
    public IQueryable<ExpenseClaim> AtPayment(IQueryable<ExpenseClaim> claims) =>
        claims.Where(c => c.Status == ClaimStatus.InReview && db.Set<ApprovalInstance>().Any(i =>
            i.SubjectType == ClaimUseCases.SubjectType && i.SubjectId == c.Id.ToString() && i.Status == ApprovalStatus.Pending
            && i.StepKeys.Length - i.StepKeys.Replace(",", "").Length == i.CurrentIndex));

    public static async Task<ClaimDto?> LoadAsync(int id, string me, KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return null;
        }

        var (instance, history) = await approvals.ForSubjectAsync(ClaimUseCases.SubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        var viewer = await current.GetViewerAsync(ct);
        // The current approver, and whoever acted on it (a deputy), see the claim even outside their own scope.
        var deputy = instance?.CurrentApproverId is { } approverId && await db.Set<ApprovalDelegation>().AsNoTracking().AnyAsync(d => d.DelegatorId == approverId && d.DeputyId == me, ct);
        if (!viewer.CanSee(claim.ClaimantId, claim.OrgPath) && instance?.CurrentApproverId != me && !deputy && history.All(h => h.ActorId != me))
        {
            return null;
        }

        var people = history.Select(h => h.ActorId).Append(claim.ClaimantId).Concat(instance?.CurrentApproverId is { } a ? [a] : [])
            .Concat(history.Where(h => h.OnBehalfOf != null).Select(h => h.OnBehalfOf!)).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UserName!, u.DisplayName), ct);
        string Name(string id) => names.TryGetValue(id, out var n) ? $"{n.DisplayName} ({n.Item1})" : id;
        return new ClaimDto(
            claim.Id, claim.DisplayNumber(names[claim.ClaimantId].Item1), claim.ClaimantId, Name(claim.ClaimantId), claim.Status.ToString(),
            new Money(claim.ClaimedFen).Yuan, new Money(claim.PayableFen).Yuan, ChineseAmount.Of(new Money(claim.PayableFen)),
            claim.HasTravelSummary, claim.ExceptionApproved, claim.Notes, ExpensesModule.Time(claim.SubmittedAt), ExpensesModule.Time(claim.PaidAt), claim.Version,
            instance?.CurrentStepKey, instance?.CurrentApproverId is { } approver ? Name(approver) : null, instance?.CurrentStepKey is not null ? ExpensesModule.Time(instance.StepStartedAt) : null,
            claim.Lines.OrderBy(l => l.Position).Select(l => new ClaimLineDto(
                l.Id, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Category.ToString(), new Money(l.AmountFen).Yuan, l.ReceiptCount,
                l.Description, l.WorkOrders, l.NonCustomerService, new Money(l.ExcessFen).Yuan, l.ApprovedFen is { } f ? new Money(f).Yuan : null,
                l.Rejected, l.ReviewReason)).ToArray(),
            history.Select(h => new ApprovalHistoryDto(h.StepKey, h.Action.ToString(), Name(h.ActorId), h.OnBehalfOf is { } o ? Name(o) : null, ExpensesModule.Time(h.At)!, h.Comment)).ToArray());
    }
}
