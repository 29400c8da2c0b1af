using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Intake;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Portal;

/// <summary>VIS-04: the ratings customers give on the portal count with callbacks and surveys; a repair's rating counts for the technician who held the job.</summary>
internal sealed class PortalSatisfactionSource(KefuDbContext db) : ISatisfactionSource
{
    public async Task<IReadOnlyList<SatisfactionEvent>> EventsAsync(ScopeViewer viewer, DateTime fromUtc, DateTime toUtc, CancellationToken ct)
    {
        var rated = await db.Set<IntakeItem>().AsNoTracking().VisibleTo(viewer)
            .Where(i => i.RatedAt != null && i.RatedAt >= fromUtc && i.RatedAt < toUtc)
            .Select(i => new { i.OrgPath, i.CustomerRating, i.RatedAt, i.RecordType, i.RecordId }).ToListAsync(ct);
        var jobIds = rated.Where(r => r.RecordType == JobUseCases.RecordType && r.RecordId != null).Select(r => r.RecordId!.Value).Distinct().ToList();
        var technicians = jobIds.Count == 0 ? []
            : await db.Set<ServiceJob>().AsNoTracking().Where(j => jobIds.Contains(j.Id)).ToDictionaryAsync(j => j.Id, j => j.OwnerId, ct);
        return rated.Select(r => new SatisfactionEvent(
            r.RecordType == JobUseCases.RecordType && r.RecordId is { } job ? technicians.GetValueOrDefault(job) : null,
            r.OrgPath, r.CustomerRating, false, r.RatedAt!.Value)).ToList();
    }
}
