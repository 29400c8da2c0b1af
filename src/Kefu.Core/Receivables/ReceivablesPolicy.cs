using System.Text.Json.Serialization;
using Kefu.Core.Sla;

namespace Kefu.Core.Receivables;

/// <summary>From which date an open item's age is counted for the aging report (AR-08).</summary>
public enum AgingBasis
{
    /// <summary>Days since the invoice date (the usual reading of 账龄).</summary>
    InvoiceDate,

    /// <summary>Days past the due date (overdue aging); items not yet due are in the first bucket.</summary>
    DueDate,
}

/// <summary>
/// The numbers of the receivables rules (seed 002 销售回款管理制度, seed 001 ch. 7), as defaults an
/// administrator may change (Settings → Policies).
/// </summary>
public sealed record ReceivablesPolicy
{
    public const string Key = "receivables.policy";

    /// <summary>AR-03: a retail customer pays cash on invoice or within this many working days ("7個工作日內回款").</summary>
    public int RetailDueWorkingDays { get; init; } = 7;

    /// <summary>AR-02/06: a monthly-settled customer without its own payment cycle pays within this many calendar days of the invoice.</summary>
    public int DefaultPaymentCycleDays { get; init; } = 30;

    /// <summary>AR-03/06: the due-date timer warns when this share of the time is used ("raised before it passes").</summary>
    public int DueWarningPercent { get; init; } = 70;

    /// <summary>AR-08: the upper edges, in days, of the aging buckets but the last (0–30, 31–60, 61–90, over 90).</summary>
    public IReadOnlyList<int> AgingBucketEdges { get; init; } = [30, 60, 90];

    /// <summary>AR-08: what the age is counted from.</summary>
    public AgingBasis AgingBasis { get; init; } = AgingBasis.InvoiceDate;

    /// <summary>AR-05: the fine when a payment is late through the technician's omission. Seed 002 says "按公司相應制度處罰" without a figure; this is a default.</summary>
    public decimal OmissionFineYuan { get; init; } = 50m;

    // ---- AR-04 weekly reconciliation round and AR-07 fee collection (one block; validated by RoundAndCollectionProblems) ----

    /// <summary>AR-04: the weekday of the weekly round (seed 002: "周五或週六上午"; Friday by default, Saturday allowed).</summary>
    public DayOfWeek RoundWeekday { get; init; } = DayOfWeek.Friday;

    /// <summary>AR-04: the hour (company time) the round opens on its day; 9 = the morning, as the seed's Saturday-morning round.</summary>
    public int RoundOpensAtHour { get; init; } = 9;

    /// <summary>AR-04: where the round goes when its day is a holiday: to the previous working day of that week (default), or the next one.</summary>
    public RoundMove RoundMoveDirection { get; init; } = RoundMove.PreviousWorkingDay;

    /// <summary>AR-04: the hour (company time) the Monday review list goes to the manager on the first working day of the next week ("周一上午").</summary>
    public int ReviewOpensAtHour { get; init; } = 9;

    /// <summary>AR-07: days since the arrears began after which a reminder (催缴通知) is due. Seed 003 gives no figure; 30 days is a default.</summary>
    public int ArrearsReminderDays { get; init; } = 30;

    /// <summary>AR-07: a lawyer's letter (律师函) is due this many days after the arrears began …</summary>
    public int ArrearsLawyerLetterDays { get; init; } = 90;

    /// <summary>AR-07: … when at least this much (yuan) is owed; smaller debts stay at reminders.</summary>
    public decimal ArrearsLawyerLetterMinYuan { get; init; } = 1_000m;

    /// <summary>AR-07: a lawsuit (起诉) is due this many days after the arrears began …</summary>
    public int ArrearsLawsuitDays { get; init; } = 180;

    /// <summary>AR-07: … when at least this much (yuan) is owed.</summary>
    public decimal ArrearsLawsuitMinYuan { get; init; } = 5_000m;

    /// <summary>AR-07: the hour (company time) the daily arrears check raises the steps due.</summary>
    public int ArrearsCheckHour { get; init; } = 8;

    private IEnumerable<(string Field, int Min, int Max)> RoundAndCollectionProblems()
    {
        if (!Enum.IsDefined(RoundWeekday))
        {
            yield return ("roundWeekday", 0, 6);
        }

        if (!Enum.IsDefined(RoundMoveDirection))
        {
            yield return ("roundMoveDirection", 0, Enum.GetValues<RoundMove>().Length - 1);
        }

        foreach (var (field, value) in new[] { ("roundOpensAtHour", RoundOpensAtHour), ("reviewOpensAtHour", ReviewOpensAtHour), ("arrearsCheckHour", ArrearsCheckHour) })
        {
            if (value is < 0 or > 23)
            {
                yield return (field, 0, 23);
            }
        }

        if (ArrearsReminderDays is < 0 or > 3650)
        {
            yield return ("arrearsReminderDays", 0, 3650);
        }

        // Each step comes after the one before it.
        if (ArrearsLawyerLetterDays < ArrearsReminderDays || ArrearsLawyerLetterDays > 3650)
        {
            yield return ("arrearsLawyerLetterDays", Math.Clamp(ArrearsReminderDays, 0, 3650), 3650);
        }

        if (ArrearsLawsuitDays < ArrearsLawyerLetterDays || ArrearsLawsuitDays > 3650)
        {
            yield return ("arrearsLawsuitDays", Math.Clamp(ArrearsLawyerLetterDays, 0, 3650), 3650);
        }

        foreach (var (field, value) in new[] { ("arrearsLawyerLetterMinYuan", ArrearsLawyerLetterMinYuan), ("arrearsLawsuitMinYuan", ArrearsLawsuitMinYuan) })
        {
            if (value < 0 || value > 100_000_000 || decimal.Round(value, 2) != value)
            {
                yield return (field, 0, 100_000_000);
            }
        }
    }

    // ---- end of the AR-04 / AR-07 block ----

    [JsonIgnore]
    public SlaTarget RetailDueTarget => SlaTarget.WorkingDays(RetailDueWorkingDays);

    /// <summary>Fields out of their range, with the range, for the settings API (a policy that saves is one the rules can run on).</summary>
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

        Check("retailDueWorkingDays", RetailDueWorkingDays, 0, 250);
        Check("defaultPaymentCycleDays", DefaultPaymentCycleDays, 0, 3650);
        Check("dueWarningPercent", DueWarningPercent, 1, 99);
        Check("omissionFineYuan", OmissionFineYuan, 0, 100_000);
        if (decimal.Round(OmissionFineYuan, 2) != OmissionFineYuan)
        {
            problems.Add(("omissionFineYuan", 0, 100_000));
        }

        if (!Enum.IsDefined(AgingBasis))
        {
            problems.Add(("agingBasis", 0, Enum.GetValues<AgingBasis>().Length - 1));
        }

        // The edges must rise strictly, so that every age falls in exactly one bucket.
        if (AgingBucketEdges is null || AgingBucketEdges.Count is < 1 or > 12 || AgingBucketEdges[0] < 0
            || AgingBucketEdges.Zip(AgingBucketEdges.Skip(1)).Any(p => p.Second <= p.First) || AgingBucketEdges[^1] > 36_500)
        {
            problems.Add(("agingBucketEdges", 0, 36_500));
        }

        problems.AddRange(RoundAndCollectionProblems());
        return problems;
    }
}
