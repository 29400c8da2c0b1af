using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Performance.Pages;

/// <summary>Rule IDs never reach the screen nor the resource keys: a line's rule reads as the words of its rule family.</summary>
public static class PerformanceLabels
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["PERF-02"] = "MobileService",
        ["PERF-03"] = "ResidentService",
        ["PERF-04"] = "TeamService",
        ["PERF-05"] = "ProjectBonus",
        ["EXP-09"] = "ExpenseViolation",
        ["EXC-08"] = "ConcealedIncident",
        ["AR-05"] = "ReceivableOmission",
        ["SLA-04"] = "SlaBreach",
    };

    public static string RuleKey(string ruleId) => "Performance.Rule." + Words.GetValueOrDefault(ruleId, "Other");

    public static string RuleLabel(IStringLocalizer l, string ruleId) => l[RuleKey(ruleId)].Value;

    public static IReadOnlyList<string> Rules => [.. Words.Keys];
}
