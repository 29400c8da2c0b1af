namespace Kefu.Core.Incidents;

using Money = Kefu.Core.Money.Money;

/// <summary>The ranges an administrator's incident policy must keep, so the rules can run on what is saved (Settings → Incidents).</summary>
public sealed partial record IncidentPolicy
{
    /// <summary>The largest amount a policy money field takes, in yuan.</summary>
    public const int MaxYuan = 10_000_000;

    /// <summary>Fields out of their range, with the range (money in yuan); empty when the policy may be saved.</summary>
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

        void CheckMoney(string field, Money value) => Check(field, value.Yuan, 0, MaxYuan);

        Check("emailReportMinutes", EmailReportMinutes, 1, 1440);
        Check("replyTargetMinutes", ReplyTargetMinutes, 1, 1440);
        // EXC-05: the promise is the later of the two reply times.
        Check("replyPromiseMinutes", ReplyPromiseMinutes, Math.Clamp(ReplyTargetMinutes, 1, 1440), 1440);
        CheckMoney("agentCompensationAuthority", AgentCompensationAuthority);
        // EXC-06: a large amount is above what the agent may settle on the spot.
        Check("largeDamageOver", LargeDamageOver.Yuan, (int)Math.Clamp(Math.Ceiling(AgentCompensationAuthority.Yuan), 0, MaxYuan), MaxYuan);
        Check("correctivePlanStepDays", CorrectivePlanStepDays, 1, 60);
        Check("agentCostWeight", AgentCostWeight, 0, 100);
        Check("supervisorCostWeight", SupervisorCostWeight, 0, 100);
        if (AgentCostWeight + SupervisorCostWeight <= 0)
        {
            problems.Add(("agentCostWeight", 0, 100));
        }

        CheckMoney("concealmentFineAgent", ConcealmentFineAgent);
        CheckMoney("concealmentFineSupervisor", ConcealmentFineSupervisor);
        CheckMoney("lateReportFineAgent", LateReportFineAgent);
        CheckMoney("lateReportFineSupervisor", LateReportFineSupervisor);
        CheckMoney("falseReportFineAgent", FalseReportFineAgent);
        CheckMoney("falseReportFineSupervisor", FalseReportFineSupervisor);
        Check("crossRegionWarningPercent", CrossRegionWarningPercent, 1, 99);
        Check("crossRegionEvidenceDays", CrossRegionEvidenceDays, 0, 60);
        Check("crossRegionReportDays", CrossRegionReportDays, 0, 60);
        Check("crossRegionToMarketingDirectorDays", CrossRegionToMarketingDirectorDays, 0, 60);
        Check("crossRegionFinanceDays", CrossRegionFinanceDays, 0, 60);
        Check("crossRegionAnnouncementDays", CrossRegionAnnouncementDays, 0, 60);
        return problems;
    }
}
