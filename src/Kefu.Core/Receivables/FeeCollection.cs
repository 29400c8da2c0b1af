namespace Kefu.Core.Receivables;

using Money = Kefu.Core.Money.Money;

/// <summary>AR-07: the steps an arrears account escalates through (seed 003: 催缴 → 律师函 → 起诉).</summary>
public enum ArrearsStep
{
    Reminder = 1,
    LawyerLetter = 2,
    Lawsuit = 3,
}

/// <summary>How an arrears account ended: paid in full, settled by agreement (instalments, a court settlement), or written off as lost.</summary>
public enum ArrearsOutcome
{
    Paid = 1,
    Settled = 2,
    WrittenOff = 3,
}

/// <summary>A collection ledger line as the rule needs it: the day and the amount (negative for a reversing entry).</summary>
public sealed record CollectedAmount(DateOnly On, Money Amount);

/// <summary>What a project's targets are per period, in fen; zero means no target for that period.</summary>
public sealed record CollectionTargets(Money Daily, Money Weekly, Money Monthly, Money Total);

/// <summary>One period of the ledger: what was collected against the target.</summary>
public sealed record PeriodTotal(DateOnly From, DateOnly To, Money Collected, Money Target)
{
    /// <summary>Collected as a whole percentage of the target, rounded down; null without a target.</summary>
    public int? PercentOfTarget => Target.Fen > 0 ? (int)(Collected.Fen * 100 / Target.Fen) : null;
}

/// <summary>The 日帐, 周帐, 月帐 and 总帐 of seed 003 as of a date.</summary>
public sealed record CollectionLedgerView(DateOnly AsOf, PeriodTotal Day, PeriodTotal Week, PeriodTotal Month, PeriodTotal Total);

/// <summary>AR-07: fee collection ledgers against targets, and the escalation of arrears.</summary>
public static class FeeCollectionRules
{
    /// <summary>
    /// The day (the date itself), week (Monday to the date), month (the 1st to the date) and total
    /// (everything up to the date) collected as of <paramref name="asOf"/>. Reversing entries count on
    /// their own day, so a report as of an earlier date still shows what was then recorded.
    /// </summary>
    public static CollectionLedgerView Ledger(IEnumerable<CollectedAmount> entries, DateOnly asOf, CollectionTargets targets)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(targets);
        var list = entries.Where(e => e.On <= asOf).ToArray();
        var weekStart = ReconciliationRound.WeekStart(asOf);
        var monthStart = new DateOnly(asOf.Year, asOf.Month, 1);
        var first = list.Length == 0 ? asOf : list.Min(e => e.On);
        PeriodTotal Sum(DateOnly from, Money target) => new(from, asOf, new Money(list.Where(e => e.On >= from).Sum(e => e.Amount.Fen)), target);
        return new CollectionLedgerView(asOf, Sum(asOf, targets.Daily), Sum(weekStart, targets.Weekly), Sum(monthStart, targets.Monthly), Sum(first, targets.Total));
    }

    /// <summary>
    /// The step now due on an arrears account, or null: each step follows the one before it (no
    /// lawyer's letter before a reminder was sent), and is due once the days since the arrears began
    /// reach the policy's threshold (the threshold day itself included, as 以上) and, for the letter
    /// and the lawsuit, the amount owed reaches the policy's minimum. Nothing is due when nothing is owed.
    /// </summary>
    public static ArrearsStep? StepDue(int daysOverdue, Money owed, ArrearsStep? lastTaken, ReceivablesPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (owed.Fen <= 0)
        {
            return null;
        }

        return lastTaken switch
        {
            null => daysOverdue >= policy.ArrearsReminderDays ? ArrearsStep.Reminder : null,
            ArrearsStep.Reminder => daysOverdue >= policy.ArrearsLawyerLetterDays && owed >= Money.FromYuan(policy.ArrearsLawyerLetterMinYuan) ? ArrearsStep.LawyerLetter : null,
            ArrearsStep.LawyerLetter => daysOverdue >= policy.ArrearsLawsuitDays && owed >= Money.FromYuan(policy.ArrearsLawsuitMinYuan) ? ArrearsStep.Lawsuit : null,
            ArrearsStep.Lawsuit => null,
            _ => null,
        };
    }
}
