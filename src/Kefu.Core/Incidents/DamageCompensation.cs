namespace Kefu.Core.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>EXC-06: what to do with a damage claim of a given amount.</summary>
/// <param name="CompensateOnSpot">Within the agent's authority: settle with the consignee now (当时赔付).</param>
/// <param name="NeedsCsDirector">Beyond the agent's authority: the CS director decides (EXC-05).</param>
/// <param name="Notify">Role keys to notify at once because the amount is large (金额巨大); empty otherwise.</param>
public sealed record DamageDecision(bool CompensateOnSpot, bool NeedsCsDirector, IReadOnlyList<string> Notify);

/// <summary>EXC-06: damage compensation by amount (seed 001 §3.2.3, §4 3.1.7).</summary>
public static class DamageCompensation
{
    /// <summary>
    /// EXC-06: up to and including <see cref="IncidentPolicy.AgentCompensationAuthority"/> the agent
    /// compensates on the spot; above it the CS director decides; above
    /// <see cref="IncidentPolicy.LargeDamageOver"/> the freight centre, the dispatch manager and QC are
    /// notified as well.
    /// </summary>
    public static DamageDecision Decide(Money amount, IncidentPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount.Fen, 0L, nameof(amount));
        var withinAuthority = amount <= policy.AgentCompensationAuthority;
        return new DamageDecision(withinAuthority, !withinAuthority, amount > policy.LargeDamageOver ? policy.LargeDamageNotify : []);
    }
}
