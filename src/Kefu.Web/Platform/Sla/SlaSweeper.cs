using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Observability;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Platform.Sla;

/// <summary>
/// SLA-02/04: fires due warnings and breaches. Each firing is a conditional claim on the row
/// (the concurrency token), so with several nodes a timer fires exactly once; a breach found
/// long after its due time (the system was down) fires at once and is marked late.
/// </summary>
public sealed class SlaSweeper(KefuDbContext db, Notifier notifier, CalendarService calendars, TimeProvider clock, KefuMetrics metrics, ILogger<SlaSweeper> logger)
{
    public const int BatchSize = 200;

    /// <summary>A breach noticed more than this after its due time was missed while Kefu was down.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(1);

    public async Task<(int Warnings, int Breaches)> SweepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var breaches = 0;
        var due = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Running && t.BreachedAt == null && t.DueAt <= now)
            .OrderBy(t => t.DueAt).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var id in due)
        {
            breaches += await FireAsync(id, breach: true, now, ct) ? 1 : 0;
        }

        var warnings = 0;
        var warn = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Running && t.WarnedAt == null && t.BreachedAt == null && t.WarnAt <= now && t.DueAt > now)
            .OrderBy(t => t.WarnAt).Select(t => t.Id).Take(BatchSize).ToListAsync(ct);
        foreach (var id in warn)
        {
            warnings += await FireAsync(id, breach: false, now, ct) ? 1 : 0;
        }

        return (warnings, breaches);
    }

    /// <summary>Fires one timer in a unit of work of its own, so a lost race leaves nothing behind.</summary>
    private async Task<bool> FireAsync(long id, bool breach, DateTime now, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var timer = await db.Set<SlaTimer>().SingleOrDefaultAsync(t => t.Id == id, ct);
        if (timer is null || timer.Status != TimerStatus.Running || timer.BreachedAt is not null || (!breach && timer.WarnedAt is not null))
        {
            return false;
        }

        if (breach)
        {
            timer.BreachedAt = now;
            timer.FiredLate = now - timer.DueAt > LateAfter;
            timer.WarnedAt ??= now;
        }
        else
        {
            timer.WarnedAt = now;
        }

        // The claim first: the conditional update on the concurrency token lets one node through.
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            logger.LogInformation("Timer {Id} was fired or changed by another node", timer.Id);
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return false;
        }

        await AnnounceAsync(timer, breach, now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The breach record and the notice to the owner (and, for a breach, the escalation), added to
    /// the caller's unit of work. Used by the sweep and by a stop that comes after the due time.
    /// </summary>
    public async Task AnnounceAsync(SlaTimer timer, bool breach, DateTime now, CancellationToken ct)
    {
        if (breach)
        {
            var record = new SlaBreach
            {
                TimerId = timer.Id, RecordType = timer.RecordType, RecordId = timer.RecordId, Rule = timer.Rule, OwnerId = timer.OwnerId,
                OrgPath = timer.OrgPath, DueAt = timer.DueAt, BreachedAt = now, Late = timer.FiredLate, Provisional = timer.Provisional,
            };
            db.Add(record);
            CountWhenSaved(record);
        }

        var calendar = await calendars.GetAsync(timer.CalendarId, ct);
        var due = calendar.ToCalendarTime(SlaService.Utc(timer.DueAt));
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        if (timer.OwnerId is not null)
        {
            recipients.Add(timer.OwnerId);
        }

        // At a breach every escalation target hears; at the warning, those asked to hear before it passes.
        foreach (var userId in await ResolveEscalationAsync(timer, breach ? _ => true : t => t.AtWarningToo, ct))
        {
            recipients.Add(userId);
        }

        await notifier.EnqueueAsync(new NotificationRequest(
            breach ? "SlaBreach" : "SlaWarning",
            recipients,
            [timer.Name, timer.Rule, due.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), Localization.LocalText.Of("RecordType." + timer.RecordType), timer.RecordId],
            timer.Link, nameof(SlaTimer), timer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
    }

    /// <summary>
    /// The breach counter goes up when the breach row is saved (the sweep's own save, or the caller's
    /// for a stop after the due time), so a unit of work that is never saved counts nothing.
    /// </summary>
    private void CountWhenSaved(SlaBreach record)
    {
        void OnSaved(object? sender, SavedChangesEventArgs e)
        {
            var state = db.Entry(record).State;
            if (state == EntityState.Added)
            {
                return; // another save of this unit of work came first
            }

            db.SavedChanges -= OnSaved;
            if (state != EntityState.Detached)
            {
                metrics.BreachRecorded(record.Rule, record.RecordType, record.Late);
            }
        }

        db.SavedChanges += OnSaved;
    }

    /// <summary>People named, and holders of the named roles nearest above the record in the org tree.</summary>
    private async Task<IReadOnlyList<string>> ResolveEscalationAsync(SlaTimer timer, Func<EscalationTarget, bool> told, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var target in EscalationTarget.Parse(timer.Escalation).Where(told))
        {
            if (target.Kind == "user")
            {
                result.Add(target.Value);
                continue;
            }

            if (!KefuRoles.TryParse(target.Value, out var role))
            {
                continue;
            }

            var roleName = KefuRoles.Name(role);
            var holders = await (from u in db.Users
                                 join ur in db.UserRoles on u.Id equals ur.UserId
                                 join r in db.Roles on ur.RoleId equals r.Id
                                 where r.Name == roleName && u.Status == StaffStatus.Active
                                 select new { u.Id, u.OrgPath }).ToListAsync(ct);
            var anchored = new List<(string, string)>();
            foreach (var holder in holders)
            {
                var (centre, branch) = await OrgTree.AnchorsAsync(db, holder.OrgPath, ct);
                // A role's authority covers its scope: the holder's centre, branch, or the whole company.
                var scope = ScopePolicy.Default.ScopeFor([role]) switch
                {
                    DataScope.Company => OrgPath.Root,
                    DataScope.Branch => branch,
                    _ => centre,
                };
                anchored.Add((holder.Id, scope));
            }

            result.AddRange(EscalationTarget.ResolveRole(timer.OrgPath, anchored));
        }

        return result;
    }
}
