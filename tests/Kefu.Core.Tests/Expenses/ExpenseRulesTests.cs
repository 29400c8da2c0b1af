using Kefu.Core.Expenses;
using Kefu.Core.Tests.Calendar;

namespace Kefu.Core.Tests.Expenses;

public sealed class ExpenseRulesTests
{
    private static readonly ExpensePolicy Policy = new();

    private static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-08-28", "2026-09-28", false)] // exactly one month: still reimbursable
    [InlineData("2026-08-27", "2026-09-28", true)]
    [InlineData("2026-09-01", "2026-09-28", false)]
    public void EXP_04_expense_more_than_a_month_old_is_refused(string date, string submitted, bool refused)
    {
        var violation = ExpenseRules.ExpenseMustBeWithinOneMonth(new(D(date), ExpenseCategory.Meals, 30m), 0, D(submitted), Policy, exceptionApproved: false);
        Assert.Equal(refused, violation is not null);
        if (violation is not null)
        {
            Assert.Equal("EXP-04", violation.RuleId);
        }
    }

    [Fact]
    public void EXP_04_an_approved_exception_lifts_the_age_rule() =>
        Assert.Null(ExpenseRules.ExpenseMustBeWithinOneMonth(new(D("2026-06-01"), ExpenseCategory.Meals, 30m), 0, D("2026-09-28"), Policy, exceptionApproved: true));

    [Theory]
    [InlineData("0", "Expense.AmountNotPositive")]
    [InlineData("-5", "Expense.AmountNotPositive")]
    [InlineData("12.345", "Expense.AmountTooPrecise")]
    [InlineData("12.34", null)]
    public void EXP_01_amounts_are_positive_and_exact_to_the_fen(string amount, string? key) =>
        Assert.Equal(key, ExpenseRules.AmountMustBePositiveToTheFen(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), 0)?.MessageKey);

    [Fact]
    public void EXP_01_travel_lines_need_the_travel_summary()
    {
        ExpenseLineFacts[] lines = [new(D("2026-09-01"), ExpenseCategory.Meals, 30m), new(D("2026-09-02"), ExpenseCategory.Travel, 300m)];
        Assert.Equal(1, ExpenseRules.TravelNeedsTravelSummary(lines, hasTravelSummary: false)!.LineIndex);
        Assert.Null(ExpenseRules.TravelNeedsTravelSummary(lines, hasTravelSummary: true));
        Assert.Null(ExpenseRules.TravelNeedsTravelSummary([lines[0]], hasTravelSummary: false));
    }

    [Fact]
    public void EXP_03_phone_over_the_monthly_cap_is_the_claimants_own()
    {
        // Seed 000 gives no figure ("每月最高限额…以和各分公司邮件确认金额为准"): 200 CNY phone, 300 CNY city transport
        // are Kefu's defaults (ExpensePolicy), set per centre by the next test.
        var caps = Policy.CapsFor("SH");
        Assert.Equal((50m, 30m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Phone, 150m, 80m, caps, exceptionApproved: false));
        Assert.Equal((0m, 80m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Phone, 250m, 80m, caps, exceptionApproved: false));
        Assert.Equal((80m, 0m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Phone, 250m, 80m, caps, exceptionApproved: true));
        Assert.Equal((500m, 0m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Lodging, 9999m, 500m, caps, exceptionApproved: false));
    }

    [Fact]
    public void EXP_03_a_centre_may_have_its_own_caps()
    {
        var policy = Policy with { CentreCaps = new Dictionary<string, CentreCaps> { ["BJ"] = new(100m, 150m) } };
        Assert.Equal((100m, 20m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Phone, 0m, 120m, policy.CapsFor("BJ"), false));
        Assert.Equal((120m, 0m), ExpenseRules.CapPerPersonPerMonth(ExpenseCategory.Phone, 0m, 120m, policy.CapsFor("SH"), false));
    }

    [Fact]
    public void EXP_02_gaps_in_a_persons_consecutive_numbers_are_found() =>
        Assert.Equal([4, 6, 7], ExpenseRules.GapsInConsecutiveNumbers([3, 5, 8, 5]));

    [Theory]
    [InlineData("2026-09-28", false, "2026-09-28")]
    [InlineData("2026-09-29", true, "2026-10-10")] // closing starts on the 29th
    [InlineData("2026-12-31", true, "2027-01-10")] // across the year
    [InlineData("2026-10-09", true, "2026-10-10")]
    [InlineData("2026-10-10", false, "2026-10-10")]
    public void EXP_07_finance_window_holds_forms_until_the_10th(string reaches, bool closed, string accepts)
    {
        Assert.Equal(closed, ExpenseRules.FinanceWindowIsClosed(D(reaches), Policy));
        Assert.Equal(D(accepts), ExpenseRules.FinanceAcceptsOn(D(reaches), Policy));
    }

    [Fact]
    public void EXP_06_batch_dates_move_past_holidays()
    {
        // Seed 000: twice a month (每月办理两次), "期间遇节假日依次顺延"; its table of dates is lost ("按照上述日期"),
        // so the 5th and the 20th are Kefu's defaults (ExpensePolicy.BatchDays).
        // October 2026: the 5th is in the National Day holiday → the 8th; the 20th is a Tuesday.
        Assert.Equal([D("2026-10-08"), D("2026-10-20")], ExpenseRules.BatchDates(2026, 10, Policy, ChinaCalendar.Compiled));
        // September 2026: the 5th is a Saturday → Monday the 7th; the 20th is the Sunday make-up working day.
        Assert.Equal([D("2026-09-07"), D("2026-09-20")], ExpenseRules.BatchDates(2026, 9, Policy, ChinaCalendar.Compiled));
    }

    [Fact]
    public void EXP_08_reviewers_reduce_with_a_reason_and_never_pay_more_than_claimed()
    {
        Assert.Null(ExpenseRules.ReductionMustBeBelowTheClaimWithAReason(100m, 80m, "超标", 0));
        Assert.Equal("Expense.ReasonRequired", ExpenseRules.ReductionMustBeBelowTheClaimWithAReason(100m, 80m, " ", 0)!.MessageKey);
        Assert.Equal("Expense.ReductionOutOfRange", ExpenseRules.ReductionMustBeBelowTheClaimWithAReason(100m, 120m, "票多", 0)!.MessageKey);
        Assert.Equal(100m, ExpenseRules.Payable(100m, null, rejected: false));
        Assert.Equal(80m, ExpenseRules.Payable(100m, 80m, rejected: false));
        Assert.Equal(0m, ExpenseRules.Payable(100m, 80m, rejected: true));
    }

    [Fact]
    public void EXP_09_false_claim_fines_claimant_and_supervisor_and_rates_the_claimant_c()
    {
        var fines = ExpenseFines.For(FineReason.FalseClaim, "sh.eng1", "sh.sup", Policy);
        Assert.Equal(2, fines.Count);
        Assert.All(fines, f => Assert.Equal(50m, f.AmountYuan));
        Assert.Equal("C", fines.Single(f => f.PersonId == "sh.eng1").ForcedRating);
        Assert.Null(fines.Single(f => f.PersonId == "sh.sup").ForcedRating);
    }

    [Fact]
    public void EXP_09_bad_receipts_and_a_late_auditor()
    {
        Assert.All(ExpenseFines.For(FineReason.BadReceipts, "sh.eng1", "sh.sup", Policy), f => Assert.Equal(20m, f.AmountYuan));
        // A supervisor's own form: one fine, not two.
        Assert.Single(ExpenseFines.For(FineReason.BadReceipts, "sh.sup", "sh.sup", Policy));
        Assert.Equal(120m, ExpenseFines.AuditorLate("auditor", workingDaysLate: 3, branches: 2, Policy).AmountYuan);
    }

    [Fact]
    public void EXP_05_the_policy_builds_the_chain_with_its_numbers()
    {
        var policy = Policy with { VpThresholdYuan = 5000m, AuditorDays = 2 };
        var chain = Kefu.Core.Approvals.ApprovalChain.Expenses(policy.AuditorDays, policy.ManagerDays, policy.VpThresholdYuan, policy.FinancePayDays);
        Assert.Equal(5000m, chain.Steps.Single(s => s.Key == "vp").Condition!.Value);
        Assert.Equal(2, chain.Steps.Single(s => s.Key == "auditor").Deadline!.Amount);
    }
}
