using Kefu.Core.Approvals;
using Kefu.Web.Data;
using Kefu.Web.Modules.Organization.Contracts;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals;

/// <summary>ORG-05: approvals waiting for a person, and their step deadlines, go to the successor on rotation.</summary>
internal sealed class ApprovalOwnership(KefuDbContext db) : IOwnedRecords
{
    public string Kind => "Owned.Approvals";

    public Task<int> CountAsync(string ownerId, CancellationToken ct) =>
        db.Set<ApprovalInstance>().CountAsync(i => i.Status == ApprovalStatus.Pending && i.CurrentApproverId == ownerId, ct);

    public async Task<int> TransferAsync(string fromUserId, string toUserId, CancellationToken ct)
    {
        var pending = await db.Set<ApprovalInstance>().Where(i => i.Status == ApprovalStatus.Pending && i.CurrentApproverId == fromUserId).ToListAsync(ct);
        var ids = pending.Select(i => i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var instance in pending)
        {
            instance.CurrentApproverId = toUserId;
        }

        var timers = await db.Set<SlaTimer>()
            .Where(t => t.RecordType == ApprovalService.TimerRecordType && ids.Contains(t.RecordId) && t.OwnerId == fromUserId && t.Status != TimerStatus.Stopped)
            .ToListAsync(ct);
        foreach (var timer in timers)
        {
            timer.OwnerId = toUserId;
        }

        return pending.Count;
    }
}
