namespace Kefu.Core.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>EXC-08: the violations that charge costs to the agent and the supervisor.</summary>
public enum IncidentFineReason
{
    /// <summary>瞒报: the incident was not reported.</summary>
    ConcealedReport,

    /// <summary>虚报: the report was false (与事实不符).</summary>
    FalsifiedReport,
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
}
