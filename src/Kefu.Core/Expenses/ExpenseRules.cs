using Kefu.Core.Calendar;

namespace Kefu.Core.Expenses;

/// <summary>A rule that failed: its ID, a resource key for the message, the values it needs, and the line it concerns.</summary>
public sealed record RuleViolation(string RuleId, string MessageKey, int? LineIndex = null, params object[] Args);

/// <summary>An expense line as the rules see it.</summary>
public sealed record ExpenseLineFacts(DateOnly Date, ExpenseCategory Category, decimal AmountYuan, bool IsNonCustomerService = false);

/// <summary>The expense rules of seed 000, each named after what it guards and carrying its ID.</summary>
public static class ExpenseRules
{
    /// <summary>EXP-04: an expense more than one month old at submission is not reimbursable, unless an exception was approved.</summary>
    public static RuleViolation? ExpenseMustBeWithinOneMonth(ExpenseLineFacts line, int index, DateOnly submittedOn, ExpensePolicy policy, bool exceptionApproved) =>
        !exceptionApproved && line.Date < submittedOn.AddMonths(-policy.MaxAgeMonths)
            ? new RuleViolation("EXP-04", "Expense.TooOld", index, line.Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), policy.MaxAgeMonths)
            : null;

    /// <summary>Amounts are positive and exact to the fen (no more than two decimals).</summary>
    public static RuleViolation? AmountMustBePositiveToTheFen(decimal amountYuan, int index) =>
        amountYuan <= 0 ? new RuleViolation("EXP-01", "Expense.AmountNotPositive", index)
        : decimal.Round(amountYuan, 2) != amountYuan ? new RuleViolation("EXP-01", "Expense.AmountTooPrecise", index)
        : null;

    /// <summary>EXP-01: a travel line needs the half-monthly travel summary approved by the supervisor.</summary>
    public static RuleViolation? TravelNeedsTravelSummary(IReadOnlyList<ExpenseLineFacts> lines, bool hasTravelSummary)
    {
        var first = lines.Select((l, i) => (l, i)).FirstOrDefault(x => x.l.Category == ExpenseCategory.Travel);
        return first.l is not null && !hasTravelSummary ? new RuleViolation("EXP-01", "Expense.TravelSummaryMissing", first.i) : null;
    }

    /// <summary>
    /// EXP-03: phone and city-transport costs are capped per person per month per centre (包干); what
    /// goes over is the claimant's own unless an exception was approved in advance. Returns the part
    /// of <paramref name="thisLineYuan"/> that is reimbursable and the excess.
    /// </summary>
    public static (decimal Reimbursable, decimal Excess) CapPerPersonPerMonth(
        ExpenseCategory category, decimal alreadyThisMonthYuan, decimal thisLineYuan, CentreCaps caps, bool exceptionApproved)
    {
        decimal? cap = category switch
        {
            ExpenseCategory.Phone => caps.PhoneYuan,
            ExpenseCategory.CityTransport => caps.CityTransportYuan,
            _ => null,
        };
        if (cap is null || exceptionApproved)
        {
            return (thisLineYuan, 0m);
        }

        var room = Math.Max(0m, cap.Value - alreadyThisMonthYuan);
        var reimbursable = Math.Min(room, thisLineYuan);
        return (reimbursable, thisLineYuan - reimbursable);
    }

    /// <summary>EXP-02: the numbers missing from a person's consecutive form numbers (a form may be lost in the post).</summary>
    public static IReadOnlyList<int> GapsInConsecutiveNumbers(IEnumerable<int> numbers)
    {
        var sorted = numbers.Distinct().Order().ToArray();
        var gaps = new List<int>();
        for (var i = 1; i < sorted.Length; i++)
        {
            for (var missing = sorted[i - 1] + 1; missing < sorted[i]; missing++)
            {
                gaps.Add(missing);
            }
        }

        return gaps;
    }

    /// <summary>EXP-07: finance takes no forms from the 29th to the 9th (month-end closing).</summary>
    public static bool FinanceWindowIsClosed(DateOnly day, ExpensePolicy policy) =>
        day.Day >= policy.FinanceClosedFromDay || day.Day < policy.FinanceOpensOnDay;

    /// <summary>
    /// EXP-07: the day finance can take a form that reaches it on <paramref name="day"/>: that day when
    /// the window is open, else the 10th (of this month before the 10th, of the next month from the 29th).
    /// The payment clock starts then.
    /// </summary>
    public static DateOnly FinanceAcceptsOn(DateOnly day, ExpensePolicy policy)
    {
        if (!FinanceWindowIsClosed(day, policy))
        {
            return day;
        }

        var month = day.Day >= policy.FinanceClosedFromDay ? day.AddMonths(1) : day;
        return new DateOnly(month.Year, month.Month, policy.FinanceOpensOnDay);
    }

    /// <summary>EXP-06: the month's batch dates, each moved to the next working day when it falls on a day off.</summary>
    public static IReadOnlyList<DateOnly> BatchDates(int year, int month, ExpensePolicy policy, WorkingCalendar calendar) =>
        policy.BatchDays
            .Select(d => new DateOnly(year, month, Math.Min(d, DateTime.DaysInMonth(year, month))))
            .Select(d => calendar.IsWorkingDay(d) ? d : calendar.NextWorkingDay(d))
            .Distinct().Order().ToArray();

    /// <summary>
    /// EXP-08: a reviewer may reduce a line (with a reason, never above what was claimed) or reject it;
    /// where receipts exceed the amount claimed, the claimed amount is paid.
    /// </summary>
    public static RuleViolation? ReductionMustBeBelowTheClaimWithAReason(decimal claimedYuan, decimal approvedYuan, string? reason, int index) =>
        approvedYuan < 0 || approvedYuan > claimedYuan ? new RuleViolation("EXP-08", "Expense.ReductionOutOfRange", index, claimedYuan)
        : approvedYuan < claimedYuan && string.IsNullOrWhiteSpace(reason) ? new RuleViolation("EXP-08", "Expense.ReasonRequired", index)
        : null;

    /// <summary>EXP-08: what is paid for a line: the approved amount, never more than claimed, whatever the receipts say.</summary>
    public static decimal Payable(decimal claimedYuan, decimal? approvedYuan, bool rejected) =>
        rejected ? 0m : Math.Min(claimedYuan, approvedYuan ?? claimedYuan);
}
