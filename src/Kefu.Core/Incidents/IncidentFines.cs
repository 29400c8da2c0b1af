namespace Kefu.Core.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>EXC-08: the reporting violations QC finds (seed 001 §3 4.1: 报告不及时、瞒报、虚报), each fined and charged with the costs.</summary>
public enum IncidentFineReason
{
    /// <summary>瞒报: the incident was not reported.</summary>
    ConcealedReport,

    /// <summary>虚报: the report was false (与事实不符).</summary>
    FalsifiedReport,

    /// <summary>报告不及时: the report went out after it was due.</summary>
    LateReport,
}

/// <summary>
/// A fine to record for Performance (PERF-06), the incidents' counterpart of the expenses'
/// <c>FineEntry</c> (whose reason enum belongs to EXP-09): who, how much, under which rule, and of
/// that how much is the share of the costs arising and how much the fixed fine.
/// </summary>
public sealed record IncidentFineEntry(string RuleId, IncidentFineReason Reason, string PersonId, Money Amount, Money CostShare, Money FixedFine);

/// <summary>EXC-08: concealed or falsified reports (seed 001 §3 4.1 "由事故所产生的一切费用将由相关客服人员及部门主管承担").</summary>
public static class IncidentFines
{
    /// <summary>
    /// EXC-08: the costs arising from the incident are shared between the agent and the supervisor by
    /// the policy's weights (largest remainder, so the shares add up to the costs to the fen), and
    /// each pays the policy's fixed fine on top. An entry is made even when the amount is zero: the
    /// violation itself is recorded. With no supervisor, or when the agent is the supervisor, the
    /// agent bears all the costs.
    /// </summary>
    public static IReadOnlyList<IncidentFineEntry> ForConcealment(
        IncidentFineReason reason, string agentId, string? supervisorId, Money costsArising, IncidentPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(costsArising.Fen, 0L, nameof(costsArising));
        if (supervisorId is null || supervisorId == agentId)
        {
            return [Entry(agentId, costsArising, policy.ConcealmentFineAgent)];
        }

        var shares = costsArising.Allocate([policy.AgentCostWeight, policy.SupervisorCostWeight]);
        return [Entry(agentId, shares[0], policy.ConcealmentFineAgent), Entry(supervisorId, shares[1], policy.ConcealmentFineSupervisor)];

        IncidentFineEntry Entry(string personId, Money share, Money fine) => new("EXC-08", reason, personId, share + fine, share, fine);
    }

    /// <summary>
    /// EXC-08 (seed 001 §3 4.1–4.2): the entries of one finding. Each finding has its own fixed fines
    /// (the policy's amounts for late, concealed and false reports) on top of the shared costs. A report
    /// made on time exempts the agent ("及时上报异常…的将不追究客服部人员的责任"): a late-report finding on
    /// an incident reported on time writes nothing (<see cref="Refusal"/> says why). Concealed and false
    /// reports are fined whatever the report's time: a false report sent on time is still false.
    /// </summary>
    public static IReadOnlyList<IncidentFineEntry> ForFinding(
        IncidentFineReason reason, string agentId, string? supervisorId, Money costsArising, bool reportedOnTime, IncidentPolicy policy)
    {
        if (Refusal(reason, reportedOnTime) is not null)
        {
            return [];
        }

        var (agentFine, supervisorFine) = FixedFines(reason, policy);
        return ForConcealment(reason, agentId, supervisorId, costsArising, policy with { ConcealmentFineAgent = agentFine, ConcealmentFineSupervisor = supervisorFine });
    }

    /// <summary>EXC-08: why the finding cannot be recorded: only "reported on time" (the agent is exempt from a late-report finding).</summary>
    public static IncidentFindingRefusal? Refusal(IncidentFineReason reason, bool reportedOnTime) =>
        reason == IncidentFineReason.LateReport && reportedOnTime ? IncidentFindingRefusal.ReportedOnTime : null;

    /// <summary>EXC-08: the agent's and the supervisor's fixed fine of a finding, from the policy.</summary>
    public static (Money Agent, Money Supervisor) FixedFines(IncidentFineReason reason, IncidentPolicy policy) => reason switch
    {
        IncidentFineReason.LateReport => (policy.LateReportFineAgent, policy.LateReportFineSupervisor),
        IncidentFineReason.FalsifiedReport => (policy.FalseReportFineAgent, policy.FalseReportFineSupervisor),
        _ => (policy.ConcealmentFineAgent, policy.ConcealmentFineSupervisor),
    };

    /// <summary>
    /// EXC-08: whether the report was on time: sent no later than it was due. A report not sent
    /// yet is on time until it is due.
    /// </summary>
    public static bool ReportedOnTime(DateTimeOffset dueAt, DateTimeOffset? sentAt, DateTimeOffset now) => (sentAt ?? now) <= dueAt;
}

/// <summary>Why a reporting finding is refused (EXC-08).</summary>
public enum IncidentFindingRefusal
{
    /// <summary>The report went out on time, so the agent is not blamed for lateness.</summary>
    ReportedOnTime,
}
