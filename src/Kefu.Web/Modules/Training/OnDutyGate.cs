using Kefu.Core.Organization;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Modules.Training.Contracts;
using Kefu.Web.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

/// <summary>TRN-04's gate, read from the staff record and the onboarding record.</summary>
internal sealed class OnDutyGate(KefuDbContext db, TimeProvider clock) : IOnDutyGate, IOnboarding
{
    public async Task<string?> WhyNotOnDutyAsync(string userId, CancellationToken ct) =>
        (await ReasonsAsync([userId], ct)).GetValueOrDefault(userId);

    public async Task<bool> RefuseUnlessOnDutyAsync(string userId, string field, ProblemBuilder problems, CancellationToken ct)
    {
        var person = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return false;
        }

        var reason = await WhyNotOnDutyAsync(userId, ct);
        if (reason is null)
        {
            return false;
        }

        problems.Add(field, reason + ".Assign", person.DisplayName);
        return true;
    }

    public async Task<IReadOnlyDictionary<string, string>> ReasonsAsync(IReadOnlyCollection<string> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToArray();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.Status, u.OnDuty }).ToListAsync(ct);
        var onboarding = await db.Set<OnboardingRecord>().AsNoTracking().Where(o => ids.Contains(o.UserId)).ToDictionaryAsync(o => o.UserId, o => o.Status, ct);
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in people)
        {
            var status = onboarding.TryGetValue(p.Id, out var s) ? s : (OnboardingStatus?)null;
            if (DutyRules.NotOnDutyUntilOnboardingPassed(p.Status == StaffStatus.Active, p.OnDuty, status) is { } reason)
            {
                reasons[p.Id] = reason;
            }
        }

        return reasons;
    }

    public void Enrol(string userId) =>
        db.Set<OnboardingRecord>().Add(new OnboardingRecord { UserId = userId, Status = OnboardingStatus.Pending, CreatedAt = clock.GetUtcNow().UtcDateTime });
}
