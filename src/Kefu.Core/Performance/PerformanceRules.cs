using Kefu.Core.Field;
using Kefu.Core.Visits;

namespace Kefu.Core.Performance;

using Money = Kefu.Core.Money.Money;

/// <summary>What a line of a person's month is for; each says in the UI which rule it applies.</summary>
public enum PerformanceLineKind
{
    MobileTopReward,
    MobileFine,
    ResidentAllowance,
    ResidentTechnicianFine,
    ResidentLeaderFine,
    TeamLeaderReward,
    TeamMemberReward,
    TeamLeaderFine,
    ProjectBonus,
    ProjectLateDeduction,

    /// <summary>A fine or reward another module wrote into the penalty ledger (PERF-06).</summary>
    Ledger,

    /// <summary>A deadline breached while the person was responsible for it (PERF-06, SLA-04).</summary>
    SlaBreach,

    /// <summary>A manager's correction of a locked month, booked in the next open month.</summary>
    Correction,
}

/// <summary>The monthly rating (PERF-07).</summary>
public enum PerformanceRating
{
    A,
    B,
    C,
}

/// <summary>
/// One reward (positive) or fine (negative) of a person's month, with the rule it applies and the
/// record it was raised from. <paramref name="Reason"/> is the originating module's reason for ledger lines.
/// </summary>
public sealed record PerformanceLine(
    string PersonId, string RuleId, PerformanceLineKind Kind, Money Amount, string EvidenceType, string EvidenceId, string? Reason = null, PerformanceRating? ForcedRating = null);

/// <summary>A job finished in the month, as the workload score counts it.</summary>
public sealed record FinishedJob(string TechnicianId, JobKind Type, ServiceMode Mode);

/// <summary>PERF-01: the monthly workload score.</summary>
public static class WorkloadScore
{
    public static int PointsFor(JobKind type, ServiceMode mode, PerformancePolicy policy) =>
        policy.PointsByType.GetValueOrDefault(type) + policy.PointsByMode.GetValueOrDefault(mode);

    /// <summary>Score and finished-job count per technician.</summary>
    public static IReadOnlyDictionary<string, (int Score, int Jobs)> ByPerson(IEnumerable<FinishedJob> jobs, PerformancePolicy policy) =>
        jobs.GroupBy(j => j.TechnicianId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (g.Sum(j => PointsFor(j.Type, j.Mode, policy)), g.Count()), StringComparer.Ordinal);

    /// <summary>
    /// Standard competition ranking by score, highest first (1, 2, 2, 4): people with equal scores
    /// share a rank and nobody is preferred by the order of the list.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Rank(IEnumerable<(string PersonId, int Score)> scores)
    {
        var ordered = scores.OrderByDescending(s => s.Score).ThenBy(s => s.PersonId, StringComparer.Ordinal).ToArray();
        var ranks = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < ordered.Length; i++)
        {
            ranks[ordered[i].PersonId] = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ranks[ordered[i - 1].PersonId] : i + 1;
        }

        return ranks;
    }
}

/// <summary>A mobile technician's month: score and the customers' callback ratings and complaints.</summary>
public sealed record MobileFigures(string TechnicianId, int Score, int Rated, int VerySatisfied, int Complaints);

/// <summary>PERF-02: mobile service rewards and fines (seed 002 流動服務 技術員獎罰機制).</summary>
public static class MobileServiceRewards
{
    public const string Rule = "PERF-02";

    /// <summary>Very-satisfied share ≥ percent, compared exactly (19 of 20 is 95 %, not 94.99…).</summary>
    public static bool ShareAtLeast(int verySatisfied, int rated, decimal percent) => rated > 0 && verySatisfied * 100m >= percent * rated;

    /// <summary>Very-satisfied share ≤ percent ("以下" includes the number).</summary>
    public static bool ShareAtMost(int verySatisfied, int rated, decimal percent) => rated > 0 && verySatisfied * 100m <= percent * rated;

    /// <summary>
    /// The technicians ranked first and second by score (ties share a rank) get the first and second
    /// reward when their very-satisfied share reaches the threshold; the others ranked there get
    /// nothing ("其餘的不獎勵"). A share at or below the fine threshold, or a complaint, is fined once,
    /// and a fined technician is not rewarded in the same month (a complaint outweighs the rank).
    /// Without ratings the share is unknown: no reward, and no fine for the share.
    /// </summary>
    public static IReadOnlyList<PerformanceLine> Apply(IReadOnlyCollection<MobileFigures> technicians, PerformancePolicy policy, string evidenceType, string evidenceId)
    {
        var lines = new List<PerformanceLine>();
        var ranks = WorkloadScore.Rank(technicians.Where(t => t.Score > 0).Select(t => (t.TechnicianId, t.Score)));
        foreach (var t in technicians.OrderBy(t => t.TechnicianId, StringComparer.Ordinal))
        {
            if (ShareAtMost(t.VerySatisfied, t.Rated, policy.MobileFineMaxVerySatisfiedPercent) || t.Complaints >= policy.MobileFineMinComplaints)
            {
                lines.Add(new(t.TechnicianId, Rule, PerformanceLineKind.MobileFine, -Money.FromYuan(policy.MobileFineYuan), evidenceType, evidenceId));
            }
            else if (ranks.TryGetValue(t.TechnicianId, out var rank) && rank <= policy.MobileTopRewardsYuan.Count
                && ShareAtLeast(t.VerySatisfied, t.Rated, policy.MobileRewardMinVerySatisfiedPercent) && policy.MobileTopRewardsYuan[rank - 1] > 0)
            {
                lines.Add(new(t.TechnicianId, Rule, PerformanceLineKind.MobileTopReward, Money.FromYuan(policy.MobileTopRewardsYuan[rank - 1]), evidenceType, evidenceId));
            }
        }

        return lines;
    }
}

/// <summary>A resident technician's month: the customer's rating of the monthly report and whether the documents came in on time.</summary>
public sealed record ResidentMonth(string TechnicianId, string? LeaderId, SatisfactionRating? Rating, bool DocumentsOnTime, string EvidenceType, string EvidenceId);

/// <summary>PERF-03: the resident allowance and fines (seed 002 駐點服務).</summary>
public static class ResidentServiceRewards
{
    public const string Rule = "PERF-03";

    /// <summary>"很好" or "好": the two best answers of the rating scale.</summary>
    public static bool RatedGood(SatisfactionRating? rating) => rating is SatisfactionRating.VerySatisfied or SatisfactionRating.Satisfied;

    /// <summary>"差" or "較差": the worst answer of the scale.</summary>
    public static bool RatedPoor(SatisfactionRating? rating) => rating is SatisfactionRating.Dissatisfied;

    /// <summary>
    /// Allowance when rated good and every document (attendance sheet, monthly report, quality
    /// evaluation) was on time; rated poor: the technician is fined and, when another person leads
    /// the post, the leader too. Not rated yet: nothing.
    /// </summary>
    public static IReadOnlyList<PerformanceLine> Apply(ResidentMonth month, PerformancePolicy policy)
    {
        if (RatedGood(month.Rating))
        {
            return month.DocumentsOnTime
                ? [new(month.TechnicianId, Rule, PerformanceLineKind.ResidentAllowance, Money.FromYuan(policy.ResidentAllowanceYuan), month.EvidenceType, month.EvidenceId)]
                : [];
        }

        if (!RatedPoor(month.Rating))
        {
            return [];
        }

        var lines = new List<PerformanceLine>
        {
            new(month.TechnicianId, Rule, PerformanceLineKind.ResidentTechnicianFine, -Money.FromYuan(policy.ResidentTechnicianFineYuan), month.EvidenceType, month.EvidenceId),
        };
        if (month.LeaderId is { } leader && !string.Equals(leader, month.TechnicianId, StringComparison.Ordinal))
        {
            lines.Add(new(leader, Rule, PerformanceLineKind.ResidentLeaderFine, -Money.FromYuan(policy.ResidentLeaderFineYuan), month.EvidenceType, month.EvidenceId));
        }

        return lines;
    }

    /// <summary>The last moment (company date) the documents of a month count as on time: the policy's day of the next month.</summary>
    public static DateOnly DocumentsDueOn(int year, int month, PerformancePolicy policy) =>
        new DateOnly(year, month, 1).AddMonths(1).AddDays(policy.ResidentDocumentsDueDay - 1);
}

/// <summary>A team project the customer rated.</summary>
public sealed record TeamOutcome(string LeaderId, IReadOnlyList<string> Members, SatisfactionRating? Rating, string EvidenceType, string EvidenceId);

/// <summary>PERF-04: team service rewards and fines (seed 002 團隊服務).</summary>
public static class TeamServiceRewards
{
    public const string Rule = "PERF-04";

    public static IReadOnlyList<PerformanceLine> Apply(TeamOutcome team, PerformancePolicy policy)
    {
        if (team.Rating is SatisfactionRating.VerySatisfied or SatisfactionRating.Satisfied)
        {
            var lines = new List<PerformanceLine>
            {
                new(team.LeaderId, Rule, PerformanceLineKind.TeamLeaderReward, Money.FromYuan(policy.TeamLeaderRewardYuan), team.EvidenceType, team.EvidenceId),
            };
            lines.AddRange(team.Members.Where(m => !string.Equals(m, team.LeaderId, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(m => new PerformanceLine(m, Rule, PerformanceLineKind.TeamMemberReward, Money.FromYuan(policy.TeamMemberRewardYuan), team.EvidenceType, team.EvidenceId)));
            return lines;
        }

        return team.Rating is SatisfactionRating.Dissatisfied
            ? [new(team.LeaderId, Rule, PerformanceLineKind.TeamLeaderFine, -Money.FromYuan(policy.TeamLeaderFineYuan), team.EvidenceType, team.EvidenceId)]
            : [];
    }
}

/// <summary>One person of a project team.</summary>
public sealed record ProjectMember(string PersonId, bool IsManager);

/// <summary>A project bonus to pay: the team, who answers for the documents and how many days late they came.</summary>
public sealed record ProjectBonusCase(Money Bonus, IReadOnlyList<ProjectMember> Members, string? ResponsibleId, int DaysLate, string EvidenceType, string EvidenceId);

/// <summary>PERF-05: the project bonus split (seed 002 專案型服務).</summary>
public static class ProjectBonusSplit
{
    public const string Rule = "PERF-05";

    /// <summary>
    /// Parts by weight in whole fen, adding up exactly to the bonus (largest remainder): 600 CNY over
    /// a manager and three members is 171.43 + 142.86 + 142.86 + 142.85.
    /// </summary>
    public static IReadOnlyList<(string PersonId, Money Share)> Split(Money bonus, IReadOnlyList<ProjectMember> members, PerformancePolicy policy)
    {
        if (members.Count == 0 || bonus.Fen <= 0)
        {
            return [];
        }

        var weights = members.Select(m => m.IsManager ? policy.ProjectManagerWeight : policy.ProjectMemberWeight).ToArray();
        if (weights.Sum() <= 0)
        {
            return [];
        }

        var parts = bonus.Allocate(weights);
        return members.Select((m, i) => (m.PersonId, parts[i])).ToArray();
    }

    /// <summary>The deduction for documents late: the policy's percent of the share per day, never more than the share.</summary>
    public static Money LateDeduction(Money share, int daysLate, PerformancePolicy policy)
    {
        if (daysLate <= 0 || share.Fen <= 0)
        {
            return Money.Zero;
        }

        var deduction = share.Multiply(policy.ProjectLatePercentPerDay * daysLate / 100m);
        return deduction > share ? share : deduction;
    }

    public static IReadOnlyList<PerformanceLine> Apply(ProjectBonusCase project, PerformancePolicy policy)
    {
        var lines = new List<PerformanceLine>();
        foreach (var (person, share) in Split(project.Bonus, project.Members, policy))
        {
            lines.Add(new(person, Rule, PerformanceLineKind.ProjectBonus, share, project.EvidenceType, project.EvidenceId));
            if (string.Equals(person, project.ResponsibleId, StringComparison.Ordinal) && LateDeduction(share, project.DaysLate, policy) is { Fen: > 0 } deduction)
            {
                lines.Add(new(person, Rule, PerformanceLineKind.ProjectLateDeduction, -deduction, project.EvidenceType, project.EvidenceId));
            }
        }

        return lines;
    }
}

/// <summary>A line of the penalty ledger other modules write (EXP-09, EXC-08, AR-05, SLA breaches).</summary>
public sealed record LedgerItem(long Id, string PersonId, string RuleId, string Reason, long AmountFen, string? ForcedRating, string EvidenceType, string EvidenceId);

/// <summary>PERF-06: fines and rewards of other modules land in the month with their rule, amount and evidence.</summary>
public static class LedgerLines
{
    public const string Rule = "PERF-06";

    public static IReadOnlyList<PerformanceLine> From(IEnumerable<LedgerItem> items) =>
        items.Where(i => i.AmountFen != 0 || i.ForcedRating is not null).OrderBy(i => i.Id).Select(i => new PerformanceLine(
            i.PersonId, i.RuleId, PerformanceLineKind.Ledger, new Money(i.AmountFen), i.EvidenceType, i.EvidenceId, i.Reason,
            Enum.TryParse<PerformanceRating>(i.ForcedRating, ignoreCase: false, out var forced) && Enum.IsDefined(forced) ? forced : null)).ToArray();
}

/// <summary>A deadline that breached in the month: its timer, the person responsible when it fired, and whether its due time was provisional (CAL-02).</summary>
public sealed record BreachFact(long TimerId, string PersonId, bool Provisional);

/// <summary>PERF-06 / SLA-04: each breached deadline is a fine of the person responsible, with the timer as its evidence.</summary>
public static class SlaBreachFines
{
    public const string Rule = "SLA-04";
    public const string Evidence = "SlaTimer";

    /// <summary>
    /// One fine per breach, in timer order. A breach of a provisional due time (counted through a
    /// year whose holidays were not arranged, CAL-02) is not held against the person: the due time
    /// itself may have been wrong. A zero fine in the policy counts nothing.
    /// </summary>
    public static IReadOnlyList<PerformanceLine> Apply(IEnumerable<BreachFact> breaches, PerformancePolicy policy) =>
        policy.SlaBreachFineYuan <= 0 ? [] : breaches.Where(b => !b.Provisional).OrderBy(b => b.TimerId).Select(b => new PerformanceLine(
            b.PersonId, Rule, PerformanceLineKind.SlaBreach, -Money.FromYuan(policy.SlaBreachFineYuan), Evidence,
            b.TimerId.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
}

/// <summary>PERF-07: the monthly rating A/B/C.</summary>
public static class MonthlyRating
{
    public const string Rule = "PERF-07";

    /// <summary>
    /// C when a line forces it (EXP-09 → C), when the score is under the C threshold or when the
    /// month has the policy's number of fines; A from the A score with no fine; B otherwise. A
    /// forced rating is a ceiling: a line forcing B keeps an A-worthy month at B.
    /// </summary>
    public static PerformanceRating Rate(int score, IEnumerable<PerformanceLine> lines, PerformancePolicy policy)
    {
        var list = lines as IReadOnlyCollection<PerformanceLine> ?? lines.ToArray();
        var fines = list.Count(l => l.Amount.Fen < 0);
        var earned = score < policy.RatingCBelowScore || (policy.RatingCFromFines > 0 && fines >= policy.RatingCFromFines)
            ? PerformanceRating.C
            : score >= policy.RatingAMinScore && fines == 0 ? PerformanceRating.A : PerformanceRating.B;
        var forced = list.Where(l => l.ForcedRating is not null).Select(l => l.ForcedRating!.Value).DefaultIfEmpty(PerformanceRating.A).Max();
        return (PerformanceRating)Math.Max((int)earned, (int)forced);
    }
}
