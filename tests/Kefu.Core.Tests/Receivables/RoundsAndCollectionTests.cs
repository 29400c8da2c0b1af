using Kefu.Core.Receivables;
using Kefu.Core.Tests.Calendar;

namespace Kefu.Core.Tests.Receivables;

using Money = Kefu.Core.Money.Money;

public sealed class RoundsAndCollectionTests
{
    private static DateOnly D(string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

    // ---------------- AR-04: the weekly round ----------------

    [Theory]
    [InlineData("2026-11-23", "2026-11-27")] // an ordinary week: Friday
    [InlineData("2026-09-21", "2026-09-24")] // Mid-Autumn Friday 09-25 is off: Thursday
    [InlineData("2026-09-28", "2026-09-30")] // National Day Friday 10-02 (and Thursday 10-01) off: Wednesday 09-30
    [InlineData("2026-10-01", "2026-09-30")] // any day of the week names the same week
    [InlineData("2026-10-05", "2026-10-09")] // the week after: 10-05..07 off, Friday 10-09 works
    public void AR_04_the_round_is_on_friday_and_a_holiday_friday_moves_it_to_the_previous_working_day(string week, string round) =>
        Assert.Equal(D(round), ReconciliationRound.RoundDay(D(week), ChinaCalendar.Compiled, new ReceivablesPolicy()));

    [Fact]
    public void AR_04_moving_forward_uses_the_next_working_day_of_the_week_including_a_make_up_saturday()
    {
        var policy = new ReceivablesPolicy { RoundMoveDirection = RoundMove.NextWorkingDay };
        Assert.Equal(D("2026-09-24"), ReconciliationRound.RoundDay(D("2026-09-21"), ChinaCalendar.Compiled, policy)); // Sat 09-26 is off, nothing later: back to Thursday
        Assert.Equal(D("2026-11-27"), ReconciliationRound.RoundDay(D("2026-11-23"), ChinaCalendar.Compiled, policy));

        // National Day week 2026: Thursday 10-01 and Friday 10-02 off, the weekend too: nothing after, so the previous working day.
        Assert.Equal(D("2026-09-30"), ReconciliationRound.RoundDay(D("2026-09-28"), ChinaCalendar.Compiled, policy));
    }

    [Fact]
    public void AR_04_a_saturday_morning_round_stays_on_an_ordinary_saturday_and_moves_off_a_holiday_one()
    {
        var policy = new ReceivablesPolicy { RoundWeekday = DayOfWeek.Saturday };
        Assert.Equal(D("2026-11-28"), ReconciliationRound.RoundDay(D("2026-11-23"), ChinaCalendar.Compiled, policy));
        Assert.Equal(D("2026-10-10"), ReconciliationRound.RoundDay(D("2026-10-05"), ChinaCalendar.Compiled, policy)); // a make-up Saturday works
        Assert.Equal(D("2026-09-30"), ReconciliationRound.RoundDay(D("2026-09-28"), ChinaCalendar.Compiled, policy)); // Saturday 10-03 is National Day
    }

    [Theory]
    [InlineData("2026-11-23", "2026-11-30")] // an ordinary Monday
    [InlineData("2026-09-28", "2026-10-08")] // after the National Day round: Monday 10-05 to Wednesday 10-07 off, Thursday 10-08
    [InlineData("2026-12-28", "2027-01-04")] // New Year's Day 2027 is a Friday; the Monday after works
    public void AR_04_the_monday_review_is_the_first_working_day_of_the_next_week(string week, string review) =>
        Assert.Equal(D(review), ReconciliationRound.ReviewDay(D(week), ChinaCalendar.Compiled));

    [Fact]
    public void AR_04_days_of_a_week_carry_its_monday()
    {
        var days = ReconciliationRound.DaysOf(D("2026-10-02"), ChinaCalendar.Compiled, new ReceivablesPolicy())!;
        Assert.Equal(new RoundDays(D("2026-09-28"), D("2026-09-30"), D("2026-10-08")), days);
    }

    [Fact]
    public void AR_04_policy_numbers_out_of_range_are_named()
    {
        var problems = new ReceivablesPolicy { RoundOpensAtHour = 24, RoundWeekday = (DayOfWeek)9, RoundMoveDirection = (RoundMove)5 }.Validate();
        Assert.Contains(problems, p => p.Field == "roundOpensAtHour");
        Assert.Contains(problems, p => p.Field == "roundWeekday");
        Assert.Contains(problems, p => p.Field == "roundMoveDirection");
        Assert.Empty(new ReceivablesPolicy().Validate());
    }

    // ---------------- AR-07: escalation of arrears ----------------

    [Theory]
    [InlineData(29, 100, null, null)]
    [InlineData(30, 100, null, ArrearsStep.Reminder)]              // 30 days 以上 includes the 30th
    [InlineData(89, 5000, ArrearsStep.Reminder, null)]
    [InlineData(90, 999.99, ArrearsStep.Reminder, null)]            // under the letter's minimum: stays at reminders
    [InlineData(90, 1000, ArrearsStep.Reminder, ArrearsStep.LawyerLetter)]
    [InlineData(400, 100000, null, ArrearsStep.Reminder)]           // no step skipped: first the reminder
    [InlineData(179, 9000, ArrearsStep.LawyerLetter, null)]
    [InlineData(180, 4999.99, ArrearsStep.LawyerLetter, null)]
    [InlineData(180, 5000, ArrearsStep.LawyerLetter, ArrearsStep.Lawsuit)]
    [InlineData(999, 9000, ArrearsStep.Lawsuit, null)]
    [InlineData(999, 0, null, null)]                                // nothing owed, nothing due
    public void AR_07_escalation_thresholds_at_their_edges(int days, double owedYuan, ArrearsStep? taken, ArrearsStep? due) =>
        Assert.Equal(due, FeeCollectionRules.StepDue(days, Money.FromYuan((decimal)owedYuan), taken, new ReceivablesPolicy()));

    [Fact]
    public void AR_07_thresholds_are_the_policys_and_must_rise()
    {
        var policy = new ReceivablesPolicy { ArrearsReminderDays = 10, ArrearsLawyerLetterDays = 20, ArrearsLawyerLetterMinYuan = 0m };
        Assert.Equal(ArrearsStep.Reminder, FeeCollectionRules.StepDue(10, Money.FromYuan(1m), null, policy));
        Assert.Equal(ArrearsStep.LawyerLetter, FeeCollectionRules.StepDue(20, Money.FromYuan(0.01m), ArrearsStep.Reminder, policy));
        var wrong = new ReceivablesPolicy { ArrearsLawyerLetterDays = 20, ArrearsReminderDays = 30 }.Validate();
        Assert.Contains(wrong, p => p.Field == "arrearsLawyerLetterDays");
        Assert.Contains(new ReceivablesPolicy { ArrearsLawsuitMinYuan = 1.001m }.Validate(), p => p.Field == "arrearsLawsuitMinYuan");
    }

    // ---------------- AR-07: period sums ----------------

    [Fact]
    public void AR_07_day_week_month_and_total_as_of_a_date_with_a_reversing_entry()
    {
        var entries = new[]
        {
            new CollectedAmount(D("2026-10-30"), Money.FromYuan(500m)),   // previous month
            new CollectedAmount(D("2026-11-02"), Money.FromYuan(100m)),   // this month, the week before
            new CollectedAmount(D("2026-11-23"), Money.FromYuan(200m)),   // Monday of the week
            new CollectedAmount(D("2026-11-25"), Money.FromYuan(300.50m)),
            new CollectedAmount(D("2026-11-25"), Money.FromYuan(-0.50m)), // a correction by reversal
            new CollectedAmount(D("2026-11-26"), Money.FromYuan(999m)),   // after the report date
        };
        var targets = new CollectionTargets(Money.FromYuan(300m), Money.FromYuan(1000m), Money.FromYuan(400m), Money.Zero);
        var view = FeeCollectionRules.Ledger(entries, D("2026-11-25"), targets);
        Assert.Equal(Money.FromYuan(300m), view.Day.Collected);
        Assert.Equal(100, view.Day.PercentOfTarget);
        Assert.Equal(D("2026-11-23"), view.Week.From);
        Assert.Equal(Money.FromYuan(500m), view.Week.Collected);
        Assert.Equal(50, view.Week.PercentOfTarget);
        Assert.Equal(Money.FromYuan(600m), view.Month.Collected);
        Assert.Equal(150, view.Month.PercentOfTarget);
        Assert.Equal(Money.FromYuan(1100m), view.Total.Collected);
        Assert.Null(view.Total.PercentOfTarget);

        var earlier = FeeCollectionRules.Ledger(entries, D("2026-10-31"), targets);
        Assert.Equal(Money.Zero, earlier.Day.Collected);
        Assert.Equal(Money.FromYuan(500m), earlier.Month.Collected);
        Assert.Equal(Money.FromYuan(500m), earlier.Total.Collected);
    }
}
