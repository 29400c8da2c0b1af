using System.Text.Json.Serialization;
using Kefu.Core.Sla;

namespace Kefu.Core.Field;

/// <summary>
/// The numbers of the field-service and charge rules (seed 002: 技术员维修规范, 驻点服务, 团队服务,
/// 服务收费管理制度), as defaults an administrator may change (Settings → Policies).
/// </summary>
public sealed record FieldPolicy
{
    public const string Key = "field.policy";

    /// <summary>FLD-02: a mobile technician sets out within this many minutes of the assignment (seed 002 "10分鐘內上門").</summary>
    public int MobileSetOutMinutes { get; init; } = 10;

    /// <summary>FLD-03: a resident technician answers a repair call within this many minutes, even while busy ("一分鐘內響應").</summary>
    public int ResidentRespondMinutes { get; init; } = 1;

    /// <summary>FLD-03: a resident technician is on site within this many minutes of the call ("5分鐘內到達維修現場").</summary>
    public int ResidentOnSiteMinutes { get; init; } = 5;

    /// <summary>FLD-04: team service applies from this many person-days ("10人日以上": 以上 includes the number).</summary>
    public int TeamMinPersonDays { get; init; } = 10;

    /// <summary>FLD-04: … with at least this many technicians ("4名技術員以上").</summary>
    public int TeamMinTechnicians { get; init; } = 4;

    /// <summary>FLD-04: … over at least this many working days ("2個工作日以上").</summary>
    public int TeamMinWorkingDays { get; init; } = 2;

    /// <summary>FLD-04: the team leader reports to the manager within this many working days of the last report (or of the start): one a working day.</summary>
    public int TeamDailyReportWorkingDays { get; init; } = 1;

    /// <summary>FLD-08: each stage of an out-of-warranty repair and its limit in working hours. The seeds name the flow, not the figures; these are defaults.</summary>
    public IReadOnlyDictionary<RepairStage, int> StageWorkingHours { get; init; } = new Dictionary<RepairStage, int>
    {
        [RepairStage.Diagnosis] = 4,
        [RepairStage.Quote] = 4,
        [RepairStage.CustomerApproval] = 24,
        [RepairStage.Parts] = 40,
        [RepairStage.Repair] = 16,
        [RepairStage.Return] = 8,
    };

    /// <summary>CHG-02: which software rule the company uses: A (free visits per customer) or B (free within working days of normal use).</summary>
    public SoftwareChargePolicy SoftwarePolicy { get; init; } = SoftwareChargePolicy.FreeVisits;

    /// <summary>CHG-02 policy A: free on-site software visits per customer ("三次無償上門服務").</summary>
    public int FreeSoftwareVisits { get; init; } = 3;

    /// <summary>CHG-02 policy B: free within this many working days of normal use ("正常使用15個工作日之內").</summary>
    public int FreeSoftwareWorkingDays { get; init; } = 15;

    /// <summary>FLD-06: how much each kilometre, each open job and a missing skill weigh in the suggestion (lower score ranks first).</summary>
    public double RankPerKilometre { get; init; } = 1.0;

    public double RankPerOpenJob { get; init; } = 8.0;

    public double RankMissingSkill { get; init; } = 100.0;

    /// <summary>FLD-06: a position older than this many minutes is shown as stale and ranked as unknown.</summary>
    public int PositionFreshMinutes { get; init; } = 120;

    /// <summary>Distance assumed for a technician whose position is unknown or stale, in km.</summary>
    public double UnknownDistanceKm { get; init; } = 30;

    /// <summary>PERF: points per finished job, by type and mode, for the monthly workload score (seed 002 工作量分值).</summary>
    public IReadOnlyDictionary<JobKind, int> PointsByType { get; init; } = new Dictionary<JobKind, int>
    {
        [JobKind.Install] = 3,
        [JobKind.Repair] = 2,
        [JobKind.Inspection] = 1,
    };

    public IReadOnlyDictionary<ServiceMode, int> PointsBonusByMode { get; init; } = new Dictionary<ServiceMode, int>
    {
        [ServiceMode.Mobile] = 1,
        [ServiceMode.Resident] = 0,
        [ServiceMode.Team] = 0,
        [ServiceMode.Project] = 0,
    };

    /// <summary>FLD-02: the set-out deadline as an SLA target (wall-clock minutes: technicians go out when called).</summary>
    [JsonIgnore]
    public SlaTarget SetOutTarget => SlaTarget.Minutes(MobileSetOutMinutes);

    [JsonIgnore]
    public SlaTarget TeamDailyReportTarget => SlaTarget.WorkingDays(TeamDailyReportWorkingDays);

    [JsonIgnore]
    public SlaTarget ResidentRespondTarget => SlaTarget.Minutes(ResidentRespondMinutes);

    [JsonIgnore]
    public SlaTarget ResidentOnSiteTarget => SlaTarget.Minutes(ResidentOnSiteMinutes);

    /// <summary>Fields out of their range, with the range, for the settings API (a policy that saves is one the rules can run on).</summary>
    public IReadOnlyList<(string Field, int Min, int Max)> Validate()
    {
        var problems = new List<(string, int, int)>();
        void Check(string field, double value, int min, int max)
        {
            if (double.IsNaN(value) || value < min || value > max)
            {
                problems.Add((field, min, max));
            }
        }

        Check("mobileSetOutMinutes", MobileSetOutMinutes, 1, 1440);
        Check("residentRespondMinutes", ResidentRespondMinutes, 1, 1440);
        Check("residentOnSiteMinutes", ResidentOnSiteMinutes, 1, 1440);
        Check("teamMinPersonDays", TeamMinPersonDays, 1, 10_000);
        Check("teamMinTechnicians", TeamMinTechnicians, 1, 1_000);
        Check("teamMinWorkingDays", TeamMinWorkingDays, 1, 365);
        Check("teamDailyReportWorkingDays", TeamDailyReportWorkingDays, 1, 30);
        Check("freeSoftwareVisits", FreeSoftwareVisits, 0, 100);
        Check("freeSoftwareWorkingDays", FreeSoftwareWorkingDays, 0, 365);
        Check("rankPerKilometre", RankPerKilometre, 0, 10_000);
        Check("rankPerOpenJob", RankPerOpenJob, 0, 10_000);
        Check("rankMissingSkill", RankMissingSkill, 0, 100_000);
        Check("positionFreshMinutes", PositionFreshMinutes, 1, 10_080);
        Check("unknownDistanceKm", UnknownDistanceKm, 0, 20_000);
        if (!Enum.IsDefined(SoftwarePolicy))
        {
            problems.Add(("softwarePolicy", 0, Enum.GetValues<SoftwareChargePolicy>().Length - 1));
        }

        void Each<TKey>(string field, IReadOnlyDictionary<TKey, int>? values, int min, int max) where TKey : struct, Enum
        {
            if (values is null || values.Keys.Any(k => !Enum.IsDefined(k)))
            {
                problems.Add((field, min, max));
                return;
            }

            foreach (var (key, value) in values)
            {
                Check($"{field}.{key}", value, min, max);
            }
        }

        Each("stageWorkingHours", StageWorkingHours, 1, 2_000);
        Each("pointsByType", PointsByType, 0, 100);
        Each("pointsBonusByMode", PointsBonusByMode, 0, 100);
        return problems;
    }

    public SlaTarget StageTarget(RepairStage stage) =>
        SlaTarget.WorkingMinutes(60 * (StageWorkingHours.TryGetValue(stage, out var hours) && hours > 0 ? hours : 8));
}

/// <summary>CHG-02's two wordings in seed 002 (items 2 and 4).</summary>
public enum SoftwareChargePolicy
{
    /// <summary>Policy A: a number of free on-site visits per customer.</summary>
    FreeVisits,

    /// <summary>Policy B: free within a number of working days of normal use.</summary>
    FreeWorkingDays,
}
