using Kefu.Core.Field;

namespace Kefu.Core.Performance;

/// <summary>
/// The numbers of the reward and fine rules of seed 002 (技術員獎罰機制 for mobile, resident, team and
/// project service) and of the monthly rating, as defaults an administrator may change (Settings → Policies).
/// </summary>
public sealed record PerformancePolicy
{
    public const string Key = "performance.policy";

    /// <summary>PERF-01: workload points per finished job by type (安装/维修/巡检).</summary>
    public IReadOnlyDictionary<JobKind, int> PointsByType { get; init; } = new Dictionary<JobKind, int>
    {
        [JobKind.Install] = 3,
        [JobKind.Repair] = 2,
        [JobKind.Inspection] = 1,
    };

    /// <summary>PERF-01: extra points per finished job by service mode.</summary>
    public IReadOnlyDictionary<ServiceMode, int> PointsByMode { get; init; } = new Dictionary<ServiceMode, int>
    {
        [ServiceMode.Mobile] = 1,
        [ServiceMode.Resident] = 0,
        [ServiceMode.Team] = 0,
        [ServiceMode.Project] = 0,
    };

    /// <summary>PERF-02: rewards of the first, second … by mobile score ("分值最高的獎勵¥100元,分值次高的獎勵¥70元").</summary>
    public IReadOnlyList<decimal> MobileTopRewardsYuan { get; init; } = [100m, 70m];

    /// <summary>PERF-02: the very-satisfied share a ranked technician needs for the reward, in percent ("很滿意度≥95%").</summary>
    public decimal MobileRewardMinVerySatisfiedPercent { get; init; } = 95m;

    /// <summary>PERF-02: at or below this very-satisfied share the technician is fined ("80%以下": 以下 includes 80 %).</summary>
    public decimal MobileFineMaxVerySatisfiedPercent { get; init; } = 80m;

    /// <summary>PERF-02: this many complaints or more bring the fine ("一次以上": 以上 includes one).</summary>
    public int MobileFineMinComplaints { get; init; } = 1;

    public decimal MobileFineYuan { get; init; } = 100m;

    /// <summary>PERF-03: the monthly resident allowance ("每月額外補助駐點技術員300元").</summary>
    public decimal ResidentAllowanceYuan { get; init; } = 300m;

    /// <summary>PERF-03: rated poor or very poor: the post's team leader ("組長處罰¥100").</summary>
    public decimal ResidentLeaderFineYuan { get; init; } = 100m;

    /// <summary>PERF-03: … and the resident technician ("駐場技術員處罰¥200").</summary>
    public decimal ResidentTechnicianFineYuan { get; init; } = 200m;

    /// <summary>PERF-03: the documents of a month are on time when in by this day of the next month. The seed names no day; a default.</summary>
    public int ResidentDocumentsDueDay { get; init; } = 5;

    /// <summary>PERF-04: customer satisfied → leader 100, each member 50; dissatisfied → leader fined 100.</summary>
    public decimal TeamLeaderRewardYuan { get; init; } = 100m;

    public decimal TeamMemberRewardYuan { get; init; } = 50m;

    public decimal TeamLeaderFineYuan { get; init; } = 100m;

    /// <summary>PERF-05: the bonus split weights ("專案經理是1.2、組員是1.0").</summary>
    public decimal ProjectManagerWeight { get; init; } = 1.2m;

    public decimal ProjectMemberWeight { get; init; } = 1.0m;

    /// <summary>PERF-05: per day the documents are late, this share of the responsible person's part ("每延遲一天則扣除…5%").</summary>
    public decimal ProjectLatePercentPerDay { get; init; } = 5m;

    /// <summary>
    /// PERF-06 / SLA-04: the fine for each deadline breached while the person was responsible for it
    /// ("the breach is counted in PERF"). The seeds name no figure; a default (half the mobile-service
    /// fine) an administrator sets; 0 counts no fine.
    /// </summary>
    public decimal SlaBreachFineYuan { get; init; } = 50m;

    /// <summary>PERF-07: rating A from this workload score up, with no fine in the month. The seeds name no figure; a default.</summary>
    public int RatingAMinScore { get; init; } = 40;

    /// <summary>PERF-07: rating C below this workload score. The seeds name no figure; a default.</summary>
    public int RatingCBelowScore { get; init; } = 10;

    /// <summary>PERF-07: rating C from this many fine lines in a month (0: fines alone never force C).</summary>
    public int RatingCFromFines { get; init; } = 2;

    /// <summary>Fields out of their range, with the range, for the settings API.</summary>
    public IReadOnlyList<(string Field, int Min, int Max)> Validate()
    {
        var problems = new List<(string, int, int)>();
        void Check(string field, decimal value, int min, int max)
        {
            if (value < min || value > max)
            {
                problems.Add((field, min, max));
            }
        }

        void Each<TKey>(string field, IReadOnlyDictionary<TKey, int>? values) where TKey : struct, Enum
        {
            if (values is null || values.Keys.Any(k => !Enum.IsDefined(k)))
            {
                problems.Add((field, 0, 100));
                return;
            }

            foreach (var (key, value) in values)
            {
                Check($"{field}.{key}", value, 0, 100);
            }
        }

        Each("pointsByType", PointsByType);
        Each("pointsByMode", PointsByMode);
        if (MobileTopRewardsYuan is null || MobileTopRewardsYuan.Count > 10)
        {
            problems.Add(("mobileTopRewardsYuan", 0, 10));
        }
        else
        {
            for (var i = 0; i < MobileTopRewardsYuan.Count; i++)
            {
                Check($"mobileTopRewardsYuan.{i}", MobileTopRewardsYuan[i], 0, 100_000);
            }
        }

        Check("mobileRewardMinVerySatisfiedPercent", MobileRewardMinVerySatisfiedPercent, 0, 100);
        Check("mobileFineMaxVerySatisfiedPercent", MobileFineMaxVerySatisfiedPercent, 0, 100);
        Check("mobileFineMinComplaints", MobileFineMinComplaints, 1, 1000);
        Check("mobileFineYuan", MobileFineYuan, 0, 100_000);
        Check("residentAllowanceYuan", ResidentAllowanceYuan, 0, 100_000);
        Check("residentLeaderFineYuan", ResidentLeaderFineYuan, 0, 100_000);
        Check("residentTechnicianFineYuan", ResidentTechnicianFineYuan, 0, 100_000);
        Check("residentDocumentsDueDay", ResidentDocumentsDueDay, 1, 28);
        Check("teamLeaderRewardYuan", TeamLeaderRewardYuan, 0, 100_000);
        Check("teamMemberRewardYuan", TeamMemberRewardYuan, 0, 100_000);
        Check("teamLeaderFineYuan", TeamLeaderFineYuan, 0, 100_000);
        Check("projectManagerWeight", ProjectManagerWeight, 0, 100);
        Check("projectMemberWeight", ProjectMemberWeight, 0, 100);
        if (ProjectManagerWeight + ProjectMemberWeight <= 0)
        {
            problems.Add(("projectMemberWeight", 0, 100));
        }

        Check("projectLatePercentPerDay", ProjectLatePercentPerDay, 0, 100);
        Check("slaBreachFineYuan", SlaBreachFineYuan, 0, 100_000);
        Check("ratingAMinScore", RatingAMinScore, 0, 100_000);
        Check("ratingCBelowScore", RatingCBelowScore, 0, 100_000);
        Check("ratingCFromFines", RatingCFromFines, 0, 1000);
        if (RatingCBelowScore > RatingAMinScore)
        {
            problems.Add(("ratingCBelowScore", 0, RatingAMinScore));
        }

        return problems;
    }
}
