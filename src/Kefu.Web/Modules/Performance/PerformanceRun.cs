using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Modules.Field;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

using Money = Kefu.Core.Money.Money;

/// <summary>A person's computed month, before it is stored (or shown as the live preview).</summary>
public sealed record ComputedPerson(
    string PersonId, int UnitId, string OrgPath, int Score, int Jobs, int MobileScore, int Rated, int VerySatisfied, int Complaints, IReadOnlyList<PerformanceLine> Lines);

/// <summary>A unit whose month is computed: a centre, or the own unit of staff outside any centre.</summary>
public sealed record PerformanceUnit(int Id, string Path);

/// <summary>
/// Gathers a month's facts from the modules that hold them (jobs, callbacks, resident reports, team
/// projects, project bonuses, the penalty ledger, breached deadlines) and applies the rules of Kefu.Core. Reads only.
/// </summary>
public sealed class PerformanceCalculator(KefuDbContext db, PolicyStore policies)
{
    public const string MobileEvidence = "MobileMonth";
    public const string ResidentEvidence = "ResidentReport";
    public const string TeamEvidence = "TeamProject";
    public const string ProjectEvidence = "ProjectBonus";

    public Task<PerformancePolicy> PolicyAsync(CancellationToken ct) => policies.GetAsync<PerformancePolicy>(PerformancePolicy.Key, ct);

    /// <summary>The unit a person's month belongs to: the centre above them, else their own unit.</summary>
    public static PerformanceUnit UnitOf(string personPath, int personUnitId, IReadOnlyList<PerformanceUnit> centres) =>
        centres.Where(c => OrgPath.IsWithin(personPath, c.Path)).OrderByDescending(c => c.Path.Length).FirstOrDefault() ?? new PerformanceUnit(personUnitId, personPath);

    public async Task<IReadOnlyList<PerformanceUnit>> CentresAsync(CancellationToken ct) =>
        (await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Centre && u.IsActive).Select(u => new { u.Id, u.Path }).ToListAsync(ct))
        .Select(u => new PerformanceUnit(u.Id, u.Path)).ToArray();

    /// <summary>Everybody's month; <paramref name="onlyUnit"/> narrows it to one unit's people.</summary>
    public async Task<IReadOnlyList<ComputedPerson>> ComputeAsync(DateOnly month, int? onlyUnit, CancellationToken ct)
    {
        var policy = await PolicyAsync(ct);
        var monthText = CompanyTime.MonthText(month);
        var start = CompanyTime.StartUtc(month);
        var end = CompanyTime.StartUtc(month.AddMonths(1));

        var jobs = await db.Set<ServiceJob>().AsNoTracking()
            .Where(j => j.OwnerId != null && j.FinishedAt >= start && j.FinishedAt < end && j.State != JobState.Cancelled)
            .Select(j => new { j.OwnerId, j.Type, j.Mode }).ToListAsync(ct);
        var finished = jobs.Select(j => new FinishedJob(j.OwnerId!, j.Type, j.Mode)).ToArray();
        var scores = WorkloadScore.ByPerson(finished, policy);
        var mobileScores = WorkloadScore.ByPerson(finished.Where(j => j.Mode == ServiceMode.Mobile), policy);

        var callbacks = await db.Set<ServiceCallback>().AsNoTracking().Where(c => c.CalledAt >= start && c.CalledAt < end)
            .Select(c => new { c.OwnerId, c.Rating, c.Complaint }).ToListAsync(ct);
        var ratings = callbacks.GroupBy(c => c.OwnerId, StringComparer.Ordinal).ToDictionary(
            g => g.Key, g => (Rated: g.Count(c => c.Rating != null), Very: g.Count(c => c.Rating == Core.Visits.SatisfactionRating.VerySatisfied), Complaints: g.Count(c => c.Complaint)),
            StringComparer.Ordinal);

        // VIS-04 / PERF-02: customer complaints recorded as incidents count for the staff member they name.
        var named = await db.Set<Incidents.Incident>().AsNoTracking().Where(i => i.SubjectUserId != null && i.ReceivedAt >= start && i.ReceivedAt < end)
            .Select(i => new { i.Type, i.SubjectUserId }).ToListAsync(ct);
        foreach (var (person, count) in Kefu.Core.Incidents.ComplaintArchive.PerPerson(named.Select(i => (i.Type, i.SubjectUserId))))
        {
            var r = ratings.GetValueOrDefault(person);
            ratings[person] = (r.Rated, r.Very, r.Complaints + count);
        }

        var lines = new List<PerformanceLine>();

        // PERF-03: each resident report of the month the customer has rated.
        var dueEnd = CompanyTime.StartUtc(ResidentServiceRewards.DocumentsDueOn(month.Year, month.Month, policy).AddDays(1));
        var reports = await (from r in db.Set<ResidentReport>().AsNoTracking()
                             join p in db.Set<ResidentPost>().AsNoTracking() on r.PostId equals p.Id
                             join s in db.Set<SurveyResponse>().AsNoTracking() on r.InvitationId equals (int?)s.InvitationId
                             where r.Month == monthText
                             select new { r.Id, r.PostId, r.OwnerId, LeaderId = p.OwnerId, s.Rating, r.SubmittedAt, r.SentAt }).ToListAsync(ct);
        var sheets = await db.Set<AttendanceSheet>().AsNoTracking().Where(s => s.Month == monthText).Select(s => new { s.PostId, s.SubmittedAt }).ToListAsync(ct);
        foreach (var r in reports)
        {
            var onTime = r.SubmittedAt < dueEnd && r.SentAt < dueEnd && sheets.Any(s => s.PostId == r.PostId && s.SubmittedAt < dueEnd);
            lines.AddRange(ResidentServiceRewards.Apply(new ResidentMonth(r.OwnerId, r.LeaderId, r.Rating, onTime, ResidentEvidence, Id(r.Id)), policy));
        }

        // PERF-04: team projects whose customer answered the summary this month.
        var teams = await (from p in db.Set<TeamProject>().AsNoTracking()
                           join s in db.Set<SurveyResponse>().AsNoTracking() on p.InvitationId equals (int?)s.InvitationId
                           where s.AnsweredAt >= start && s.AnsweredAt < end
                           select new { p.Id, p.OwnerId, s.Rating }).ToListAsync(ct);
        var teamIds = teams.Select(t => t.Id).ToArray();
        var teamMembers = await db.Set<TeamMember>().AsNoTracking().Where(m => teamIds.Contains(m.ProjectId)).Select(m => new { m.ProjectId, m.UserId }).ToListAsync(ct);
        foreach (var t in teams)
        {
            lines.AddRange(TeamServiceRewards.Apply(new TeamOutcome(t.OwnerId, teamMembers.Where(m => m.ProjectId == t.Id).Select(m => m.UserId).ToArray(), t.Rating, TeamEvidence, Id(t.Id)), policy));
        }

        // PERF-05: project bonuses of the month whose documents are in.
        var bonuses = await db.Set<ProjectBonus>().AsNoTracking().Where(b => b.Month == monthText && b.DocumentsInOn != null).ToListAsync(ct);
        var bonusIds = bonuses.Select(b => b.Id).ToArray();
        var bonusMembers = await db.Set<ProjectBonusMember>().AsNoTracking().Where(m => bonusIds.Contains(m.BonusId)).OrderBy(m => m.Id).ToListAsync(ct);
        foreach (var b in bonuses)
        {
            var daysLate = Math.Max(0, b.DocumentsInOn!.Value.DayNumber - b.DocumentsDueOn.DayNumber);
            lines.AddRange(ProjectBonusSplit.Apply(new ProjectBonusCase(new Money(b.BonusFen),
                bonusMembers.Where(m => m.BonusId == b.Id).Select(m => new ProjectMember(m.UserId, m.IsManager)).ToArray(), b.ResponsibleId, daysLate, ProjectEvidence, Id(b.Id)), policy));
        }

        // PERF-06: the penalty ledger other modules write.
        var ledger = await db.Set<LedgerEntry>().AsNoTracking().Where(e => e.Month == monthText)
            .Select(e => new LedgerItem(e.Id, e.PersonId, e.RuleId, e.Reason, e.AmountFen, e.ForcedRating, e.EvidenceType, e.EvidenceId)).ToListAsync(ct);
        lines.AddRange(LedgerLines.From(ledger));

        // PERF-06 / SLA-04: deadlines that breached this month, a fine of the person responsible when they fired.
        var breaches = await db.Set<SlaBreach>().AsNoTracking().Where(b => b.OwnerId != null && b.BreachedAt >= start && b.BreachedAt < end)
            .Select(b => new BreachFact(b.TimerId, b.OwnerId!, b.Provisional)).ToListAsync(ct);
        lines.AddRange(SlaBreachFines.Apply(breaches, policy));

        // Who counts: every active technician and team leader, and anybody with a job or a line this month.
        var technicians = await db.Users.AsNoTracking().ActiveHolding(db, Role.FieldEngineer).Select(u => u.Id)
            .Union(db.Users.AsNoTracking().ActiveHolding(db, Role.TeamLeader).Select(u => u.Id)).ToListAsync(ct);
        var personIds = technicians.Concat(scores.Keys).Concat(lines.Select(l => l.PersonId)).Distinct(StringComparer.Ordinal).ToArray();
        var people = await db.Users.AsNoTracking().Where(u => personIds.Contains(u.Id)).Select(u => new { u.Id, u.OrgPath, u.OrgUnitId }).ToListAsync(ct);
        var centres = await CentresAsync(ct);
        var placed = people.Select(p => (p.Id, p.OrgPath, Unit: UnitOf(p.OrgPath, p.OrgUnitId, centres))).Where(p => onlyUnit is null || p.Unit.Id == onlyUnit).ToArray();

        // PERF-02: mobile technicians are ranked within their centre.
        foreach (var unit in placed.GroupBy(p => p.Unit.Id))
        {
            var mobile = unit.Where(p => mobileScores.ContainsKey(p.Id)).Select(p =>
            {
                var r = ratings.GetValueOrDefault(p.Id);
                return new MobileFigures(p.Id, mobileScores[p.Id].Score, r.Rated, r.Very, r.Complaints);
            }).ToArray();
            lines.AddRange(MobileServiceRewards.Apply(mobile, policy, MobileEvidence, monthText));
        }

        var byPerson = lines.GroupBy(l => l.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
        return placed.Select(p =>
        {
            var (score, count) = scores.GetValueOrDefault(p.Id);
            var r = ratings.GetValueOrDefault(p.Id);
            return new ComputedPerson(p.Id, p.Unit.Id, p.OrgPath, score, count, mobileScores.GetValueOrDefault(p.Id).Score, r.Rated, r.Very, r.Complaints,
                byPerson.GetValueOrDefault(p.Id) ?? []);
        }).OrderBy(p => p.UnitId).ThenBy(p => p.PersonId, StringComparer.Ordinal).ToArray();
    }

    /// <summary>The natural key of a computed line: a re-run finds the same line again.</summary>
    public static string KeyOf(PerformanceLine line) =>
        string.Join('|', line.RuleId, line.Kind.ToString(), line.Reason ?? "", line.EvidenceType, line.EvidenceId);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
