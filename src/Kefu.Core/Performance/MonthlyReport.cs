using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Core.Visits;

namespace Kefu.Core.Performance;

/// <summary>Where a monthly CS work report stands (PERF-08).</summary>
public enum MonthlyReportStatus
{
    /// <summary>Drafted from the month's figures; the author writes the commentary and may refresh the figures.</summary>
    Draft,

    InApproval,

    /// <summary>Sent back by an approver: editable again, then resubmitted.</summary>
    Returned,

    /// <summary>Refused by an approver: editable again, then resubmitted.</summary>
    Rejected,

    /// <summary>Approved and archived: its figures, commentary and PDF never change again.</summary>
    Approved,
}

/// <summary>
/// The figures of a centre's month (客户服务部工作月报, PERF-08), as they stood when gathered. Once the
/// report is approved they are kept as they are and never gathered again: a later change to a job,
/// an incident or a claim changes today's figures, not the archive.
/// </summary>
public sealed record MonthlyReportFigures(
    string Month, string UnitName, DateTime GatheredAt, ReportVolumes Volumes, IReadOnlyList<SlaKindFigure> Sla, SatisfactionFigure Satisfaction,
    ComplaintFigures Complaints, ClaimFigures Claims, ReceivableFigures Receivables, PerformanceFigures Performance)
{
    /// <summary>Every deadline of the month, whatever its kind.</summary>
    public SlaKindFigure SlaOverall => new("All", Sla.Sum(s => s.Due), Sla.Sum(s => s.Breached));
}

/// <summary>How much work came in and was done in the month.</summary>
public sealed record ReportVolumes(int OrdersReceived, int OrdersDelivered, int JobsReceived, int JobsFinished, int Incidents, int Visits, int Callbacks);

/// <summary>SLA compliance of one kind of deadline (the record type the timers run on): due in the month, of which breached.</summary>
public sealed record SlaKindFigure(string RecordType, int Due, int Breached)
{
    public int Met => Due - Breached;

    /// <summary>Met ÷ due in percent to one decimal; null when nothing was due.</summary>
    public decimal? CompliancePercent => MonthlyReportRules.Percent(Met, Due);
}

/// <summary>The month's ratings (callbacks and surveys), by answer.</summary>
public sealed record SatisfactionFigure(int VerySatisfied, int Satisfied, int Neutral, int Dissatisfied)
{
    public int Rated => VerySatisfied + Satisfied + Neutral + Dissatisfied;

    public decimal? VerySatisfiedPercent => MonthlyReportRules.Percent(VerySatisfied, Rated);

    public decimal? SatisfiedOrBetterPercent => MonthlyReportRules.Percent(VerySatisfied + Satisfied, Rated);

    public static SatisfactionFigure Of(IEnumerable<SatisfactionRating> ratings)
    {
        var list = ratings as IReadOnlyCollection<SatisfactionRating> ?? ratings.ToArray();
        return new(list.Count(r => r == SatisfactionRating.VerySatisfied), list.Count(r => r == SatisfactionRating.Satisfied),
            list.Count(r => r == SatisfactionRating.Neutral), list.Count(r => r == SatisfactionRating.Dissatisfied));
    }
}

/// <summary>A count per kind (an incident type, a rating…), kind as the enum's name.</summary>
public sealed record CountByKind(string Kind, int Count);

/// <summary>Complaints (from callbacks and incidents recorded as complaints) and the month's incidents by type.</summary>
public sealed record ComplaintFigures(int Complaints, IReadOnlyList<CountByKind> IncidentsByType);

/// <summary>Expense claims of the centre: submitted in the month, and paid in the month.</summary>
public sealed record ClaimFigures(int Submitted, long SubmittedFen, int Paid, long PaidFen);

/// <summary>Invoices of the centre: issued in the month; open and overdue at the month's end (or now, for the running month).</summary>
public sealed record ReceivableFigures(int Invoices, long InvoicedFen, long OpenFen, long OverdueFen);

/// <summary>The centre's performance month (PERF-01..07) as run: people, rewards, fines, ratings and the best scores.</summary>
public sealed record PerformanceFigures(bool Run, int People, long RewardsFen, long FinesFen, int RatingA, int RatingB, int RatingC, IReadOnlyList<TopPerformer> Top);

public sealed record TopPerformer(string Name, int Score, long NetFen);

/// <summary>A deadline as the report counts it.</summary>
public sealed record DeadlineFact(string RecordType, DateTime DueAt, DateTime? BreachedAt);

/// <summary>PERF-08: the rules of the monthly CS work report.</summary>
public static class MonthlyReportRules
{
    public const string Rule = "PERF-08";

    /// <summary>The fact of the approval that says a CS manager wrote the report (1) or someone else did (0).</summary>
    public const string ByManagerFact = "byManager";

    public const int CommentaryMaxLength = 4000;

    /// <summary>
    /// Who approves (seed 004: the CS manager "检查监督各项业务计划(年度.月度.季度等)的实施情况并向上级报告",
    /// under the operations director): a centre's report written by its supervisor goes to the CS
    /// manager; one the CS manager writes goes to the director above them. An administrator may edit it.
    /// </summary>
    public static ApprovalChain DefaultChain { get; } = new("cs-monthly-report", "客户服务部工作月报",
    [
        new("cs-manager", Role.CsManager, ApproverLevel.Company, SlaTarget.WorkingDays(2), new StepCondition(ByManagerFact, ConditionOperator.LessThan, 1)),
        new("cs-director", Role.CsDirector, ApproverLevel.Company, SlaTarget.WorkingDays(2), new StepCondition(ByManagerFact, ConditionOperator.GreaterThanOrEqual, 1)),
    ]);

    /// <summary>Commentary and figures change only before approval; an approved report is archived and never changes.</summary>
    public static bool MayEdit(MonthlyReportStatus status) => status is MonthlyReportStatus.Draft or MonthlyReportStatus.Returned or MonthlyReportStatus.Rejected;

    /// <summary>A report goes to approval from an editable state and with the manager's commentary written.</summary>
    public static bool MaySubmit(MonthlyReportStatus status, string? commentary) => MayEdit(status) && !string.IsNullOrWhiteSpace(commentary);

    /// <summary>A month can be reported once it has begun (the running month is a draft of figures so far).</summary>
    public static bool MayReport(DateOnly month, DateOnly today) => new DateOnly(month.Year, month.Month, 1) <= new DateOnly(today.Year, today.Month, 1);

    /// <summary>Part ÷ whole in percent, one decimal, half away from zero; null when the whole is zero (a share of nothing is no figure, not 0 %).</summary>
    public static decimal? Percent(int part, int whole) =>
        whole <= 0 ? null : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    /// <summary>
    /// SLA compliance by kind: deadlines due in the month up to <paramref name="asOf"/> (a deadline
    /// not yet due has neither been met nor missed); a deadline breached is missed, every other is met.
    /// Kinds in name order.
    /// </summary>
    public static IReadOnlyList<SlaKindFigure> Compliance(IEnumerable<DeadlineFact> deadlines, DateTime monthStartUtc, DateTime monthEndUtc, DateTime asOf)
    {
        var until = asOf < monthEndUtc ? asOf : monthEndUtc;
        return deadlines.Where(d => d.DueAt >= monthStartUtc && d.DueAt < until)
            .GroupBy(d => d.RecordType, StringComparer.Ordinal)
            .Select(g => new SlaKindFigure(g.Key, g.Count(), g.Count(d => d.BreachedAt is not null)))
            .OrderBy(f => f.RecordType, StringComparer.Ordinal).ToArray();
    }
}
