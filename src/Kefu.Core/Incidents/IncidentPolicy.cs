using Kefu.Core.Organization;

namespace Kefu.Core.Incidents;

// Inside the namespace: Kefu.Core.Money the namespace would otherwise hide Money the type.
using Money = Kefu.Core.Money.Money;

/// <summary>
/// The numbers and lists of the incident rules (seed 001 chapters 3–4, seed 004 §7), as defaults an
/// administrator may change (Settings → Policies). Each carries the rule it serves.
/// </summary>
public sealed partial record IncidentPolicy
{
    public const string Key = "incidents.policy";

    /// <summary>EXC-02: within working time the email report is due this many wall-clock minutes after the complaint (seed 001 §3.1.2 "5 分钟内").</summary>
    public int EmailReportMinutes { get; init; } = 5;

    /// <summary>EXC-04: outside working time the email report is due at this time of the next working day (seed 001 §3.1.7 "早上 9 点钟").</summary>
    public TimeOnly EmailReportTimeOfDay { get; init; } = new(9, 0);

    /// <summary>
    /// EXC-04: whether the breaks between office periods (the lunch break) count as working time for
    /// reporting. True by default: staff are at work, so a complaint at 12:30 is reported within 5
    /// minutes, not the next morning. When false, a break is outside working time like the night.
    /// </summary>
    public bool BreaksCountAsWorkingTime { get; init; } = true;

    /// <summary>EXC-05: the reply the agent aims for, in wall-clock minutes (the low end of seed 001 §4 3.1.2's "5-10 分钟").</summary>
    public int ReplyTargetMinutes { get; init; } = 5;

    /// <summary>EXC-05: the reply promised to the customer, in wall-clock minutes (the high end of "5-10 分钟"); missing it escalates.</summary>
    public int ReplyPromiseMinutes { get; init; } = 10;

    /// <summary>EXC-05: who takes matters beyond the agent's authority and missed reply promises (seed 001 §4 3.1.3 客服部主任).</summary>
    public string EscalationRole { get; init; } = IncidentRoleKeys.CsDirector;

    /// <summary>EXC-02 / EXC-03: the email report's recipients by source, as role keys.</summary>
    public IReadOnlyDictionary<IncidentSource, IReadOnlyList<string>> RecipientsBySource { get; init; } =
        new Dictionary<IncidentSource, IReadOnlyList<string>>
        {
            // Seed 001 §3.1.2: 部门经理, 质控部经理 and 总经理.
            [IncidentSource.ReceivedComplaint] = [IncidentRoleKeys.DepartmentManager, IncidentRoleKeys.QcManager, IncidentRoleKeys.Gm],

            // Seed 001 §3.1.3: 项目经理 (工程经理), 部门经理, 质控经理 and 总经理.
            [IncidentSource.FoundInTracking] = [IncidentRoleKeys.ProjectManager, IncidentRoleKeys.DepartmentManager, IncidentRoleKeys.QcManager, IncidentRoleKeys.Gm],
        };

    /// <summary>EXC-06: damage up to this amount is compensated on the spot by the agent (当时赔付). No figure in the seeds; ¥500 by default.</summary>
    public Money AgentCompensationAuthority { get; init; } = Money.FromYuan(500m);

    /// <summary>EXC-06: damage above this amount (金额巨大) is notified at once to <see cref="LargeDamageNotify"/>. No figure in the seeds; ¥5,000 by default.</summary>
    public Money LargeDamageOver { get; init; } = Money.FromYuan(5_000m);

    /// <summary>EXC-06: who hears of large damage (seed 001 §3.2.3: 货运中心, 调度中心部门经理 and 质控部门).</summary>
    public IReadOnlyList<string> LargeDamageNotify { get; init; } = [IncidentRoleKeys.FreightCentre, IncidentRoleKeys.DispatchManager, IncidentRoleKeys.QcManager];

    /// <summary>EXC-07: each approval step of the corrective-action plan, in working days. No figure in the seeds; 2 WD like the other unnamed steps.</summary>
    public int CorrectivePlanStepDays { get; init; } = 2;

    /// <summary>
    /// EXC-08: how the costs arising from a concealed or falsified report are shared between the agent
    /// and the supervisor (seed 001 §3 4.1 "一切费用将由相关客服人员及部门主管承担" gives no split; equal by default).
    /// </summary>
    public decimal AgentCostWeight { get; init; } = 1m;

    /// <inheritdoc cref="AgentCostWeight"/>
    public decimal SupervisorCostWeight { get; init; } = 1m;

    /// <summary>EXC-08: a fixed fine for the agent on top of the costs. The seeds name no amount; zero by default.</summary>
    public Money ConcealmentFineAgent { get; init; } = Money.Zero;

    /// <summary>EXC-08: a fixed fine for the supervisor on top of the costs. The seeds name no amount; zero by default.</summary>
    public Money ConcealmentFineSupervisor { get; init; } = Money.Zero;

    /// <summary>EXC-08: the agent's fixed fine for a late report (报告不及时). The seeds name no amount; zero by default.</summary>
    public Money LateReportFineAgent { get; init; } = Money.Zero;

    /// <summary>EXC-08: the supervisor's fixed fine for a late report (seed 001 §3 4.1 对部门领导和相关人员进行处分). Zero by default.</summary>
    public Money LateReportFineSupervisor { get; init; } = Money.Zero;

    /// <summary>EXC-08: the agent's fixed fine for a false report (虚报), on top of the costs. Zero by default.</summary>
    public Money FalseReportFineAgent { get; init; } = Money.Zero;

    /// <summary>EXC-08: the supervisor's fixed fine for a false report (虚报), on top of the costs. Zero by default.</summary>
    public Money FalseReportFineSupervisor { get; init; } = Money.Zero;

    /// <summary>EXC-09: each cross-region deadline warns its owner at this share of its time, like every other deadline.</summary>
    public int CrossRegionWarningPercent { get; init; } = 80;

    /// <summary>EXC-09 (seed 004 §7.1): evidence within this many WD of the complaint.</summary>
    public decimal CrossRegionEvidenceDays { get; init; } = 1m;

    /// <summary>EXC-09 (seed 004 §7.2): the written report within this many WD of the complaint.</summary>
    public decimal CrossRegionReportDays { get; init; } = 3m;

    /// <summary>EXC-09 (seed 004 §7.3): to the marketing director within this many WD of receiving the declaration (半个工作日).</summary>
    public decimal CrossRegionToMarketingDirectorDays { get; init; } = 0.5m;

    /// <summary>EXC-09 (seed 004 §7.4): finance told within this many WD of receiving the province's closing report.</summary>
    public decimal CrossRegionFinanceDays { get; init; } = 1m;

    /// <summary>EXC-09 (seed 004 §7.5): admin announces within this many WD of receiving the GM's decision.</summary>
    public decimal CrossRegionAnnouncementDays { get; init; } = 1m;
}

/// <summary>
/// Role keys of the incident rules. A key equal to a <see cref="Role"/> member's name is that role
/// (as <c>EscalationTarget.ForRole</c> writes it); the others are positions of ORG-01 without a
/// <see cref="Role"/> member yet, resolved by the web layer.
/// </summary>
public static class IncidentRoleKeys
{
    /// <summary>部门经理: the CS department's manager (客服部经理).</summary>
    public const string DepartmentManager = nameof(Role.CsManager);

    public const string QcManager = nameof(Role.QcManager);

    public const string Gm = nameof(Role.Gm);

    public const string CsDirector = nameof(Role.CsDirector);

    public const string Vp = nameof(Role.Vp);

    public const string MarketingDirector = nameof(Role.MarketingDirector);

    public const string FinanceClerk = nameof(Role.FinanceClerk);

    public const string AdminClerk = nameof(Role.AdminClerk);

    /// <summary>项目经理 (工程经理 in seed 001): the manager of the customer's project.</summary>
    public const string ProjectManager = "ProjectManager";

    /// <summary>调度中心部门经理: the dispatch centre's manager.</summary>
    public const string DispatchManager = "DispatchManager";

    /// <summary>货运中心: the freight centre (the same key as <c>OrderRoleKeys.FreightCentre</c>).</summary>
    public const string FreightCentre = "FreightCentre";
}

/// <summary>EXC-01: the incident types; each has an incident report (运作异常汇报表).</summary>
public enum IncidentType
{
    /// <summary>客户直接投诉.</summary>
    CustomerComplaint,

    /// <summary>晚点.</summary>
    Delay,

    /// <summary>破损.</summary>
    Damage,

    /// <summary>公司内部违反操作规定.</summary>
    ProcedureViolation,

    Other,
}

/// <summary>EXC-02 / EXC-03: how CS learned of the incident; it decides who gets the report.</summary>
public enum IncidentSource
{
    /// <summary>A customer complained to CS (EXC-02).</summary>
    ReceivedComplaint,

    /// <summary>CS found it in its own tracking or internal checks (EXC-03, 日常追踪查询 / 内部自检).</summary>
    FoundInTracking,
}
