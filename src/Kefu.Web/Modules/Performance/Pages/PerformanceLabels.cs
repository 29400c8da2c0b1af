using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Performance.Pages;

/// <summary>Rule IDs never reach the screen: a line's rule reads as the words of its rule family.</summary>
public static class PerformanceLabels
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal) { "PERF-02", "PERF-03", "PERF-04", "PERF-05", "EXP-09", "EXC-08", "AR-05" };

    public static string RuleKey(string ruleId) => "Performance.Rule." + (Known.Contains(ruleId) ? ruleId : "Other");

    public static string RuleLabel(IStringLocalizer l, string ruleId) => l[RuleKey(ruleId)].Value;

    public static IReadOnlyList<string> Rules => [.. Known];
}
