using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests;

/// <summary>
/// A form's part in its chain (APR-02..04): its status and current step follow the approval, and a
/// memo names the people of its first two steps (<see cref="MemoRouting"/>). One per kind.
/// </summary>
internal sealed class RequestApprovalHandler(RequestKind kind, KefuDbContext db, MemoRecipients recipients, TimeProvider clock) : IApprovalSubjectHandler
{
    public string SubjectType => RequestUseCases.SubjectType(kind);

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var form = await db.Set<RequestForm>().SingleAsync(r => r.Id == Id(subjectId), ct);
        form.Status = status switch
        {
            ApprovalStatus.Pending => RequestStatus.InProgress,
            ApprovalStatus.Approved => RequestStatus.Filed,
            ApprovalStatus.Rejected => RequestStatus.Rejected,
            ApprovalStatus.Returned => RequestStatus.Returned,
        };
        form.CurrentStep = status == ApprovalStatus.Pending ? currentStepKey : null;
        form.CompletedAt = status is ApprovalStatus.Approved or ApprovalStatus.Rejected ? clock.GetUtcNow().UtcDateTime : null;
    }

    public async Task<IReadOnlyDictionary<string, string?>> NamedApproversAsync(string subjectId, CancellationToken ct)
    {
        if (kind != RequestKind.Memo)
        {
            return new Dictionary<string, string?>();
        }

        var memo = await db.Set<RequestForm>().AsNoTracking().SingleAsync(r => r.Id == Id(subjectId), ct);
        var route = await recipients.RouteAsync(memo, ct);
        return new Dictionary<string, string?>
        {
            [RequestSteps.MemoReply] = route.ReceivingHead,
            [RequestSteps.MemoLeader] = route.Superior,
        };
    }

    private static int Id(string subjectId) => int.Parse(subjectId, CultureInfo.InvariantCulture);
}
