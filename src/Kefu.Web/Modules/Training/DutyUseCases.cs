using Kefu.Core.Organization;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Modules.Training.Contracts;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

public sealed record ExemptionInput(string? Reason);

/// <summary>A person not on duty and why (a message key, shown in words).</summary>
public sealed record DutyDto(string UserId, string UserName, string DisplayName, string EmployeeNumber, int OrgUnitId, string Reason, OnboardingStatus? Onboarding,
    DateTime? EnrolledAt, int Attempts);

/// <summary>TRN-04: who is not on duty yet and why, and the administrator's exemption.</summary>
public sealed class DutyUseCases(KefuDbContext db, IOnDutyGate gate, TimeProvider clock)
{
    public async Task<IReadOnlyList<DutyDto>> NotOnDutyAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var pending = db.Set<OnboardingRecord>().Where(o => o.Status == OnboardingStatus.Pending).Select(o => o.UserId);
        var people = await db.Users.AsNoTracking().VisibleTo(viewer)
            .Where(u => u.Status != StaffStatus.Left && (!u.OnDuty || u.Status != StaffStatus.Active || pending.Contains(u.Id)))
            .OrderBy(u => u.EmployeeNumber).Take(500).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var reasons = await gate.ReasonsAsync(ids, ct);
        var records = await db.Set<OnboardingRecord>().AsNoTracking().Where(o => ids.Contains(o.UserId)).ToDictionaryAsync(o => o.UserId, ct);
        var attempts = await db.Set<ExamAttempt>().AsNoTracking().Where(a => ids.Contains(a.OwnerId)).GroupBy(a => a.OwnerId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        return people.Where(p => reasons.ContainsKey(p.Id)).Select(p => new DutyDto(p.Id, p.UserName ?? "", p.DisplayName, p.EmployeeNumber, p.OrgUnitId, reasons[p.Id],
            records.GetValueOrDefault(p.Id)?.Status, records.GetValueOrDefault(p.Id)?.CreatedAt, attempts.GetValueOrDefault(p.Id))).ToArray();
    }

    /// <summary>TRN-04: an administrator exempts a new employee from the onboarding exam, with a reason; audited.</summary>
    public async Task<(bool Found, ProblemBuilder Problems)> ExemptAsync(string adminId, string userId, ExemptionInput input, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return (false, new ProblemBuilder());
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        var record = await db.Set<OnboardingRecord>().SingleOrDefaultAsync(o => o.UserId == userId, ct);
        if (record is not { Status: OnboardingStatus.Pending })
        {
            problems.Add("userId", "Duty.NotAwaitingOnboarding");
        }

        if (problems.HasErrors)
        {
            return (true, problems);
        }

        record!.Status = OnboardingStatus.Exempted;
        record.ExemptedAt = clock.GetUtcNow().UtcDateTime;
        record.ExemptedById = adminId;
        record.ExemptionReason = input.Reason!.Trim();
        user.OnDuty = true;
        db.AddAuditEvent("OnboardingExempted", "User", userId, System.Text.Json.JsonSerializer.Serialize(new { reason = record.ExemptionReason }));
        await db.SaveChangesAsync(ct);
        return (true, problems);
    }
}
