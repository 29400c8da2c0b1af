using Kefu.Core.Training;

namespace Kefu.Core.Tests.Training;

public sealed class TrainingRulesTests
{
    [Theory]
    [InlineData(8, 10, 80, true)]   // exactly the pass mark passes
    [InlineData(7, 10, 80, false)]
    [InlineData(10, 10, 80, true)]
    [InlineData(16, 20, 80, true)]  // 80 % of 20 points, exactly
    [InlineData(15, 20, 80, false)]
    [InlineData(2, 3, 67, false)]   // 66.67 % is below 67 %: no rounding up
    [InlineData(0, 0, 80, false)]   // an exam without points passes nobody
    public void TRN_02_PassMark_ExactlyThePassMarkPasses(int score, int max, int passMark, bool passed) =>
        Assert.Equal(passed, ExamRules.PassMarkIsReachedAtOrAbove(score, max, passMark));

    [Fact]
    public void TRN_02_AttemptsLimit_TheLastAllowedAttemptStartsAndNoneAfter()
    {
        Assert.Null(ExamRules.AttemptsMustStayWithinTheLimit(0, 3, alreadyPassed: false, oneInProgress: false));
        Assert.Null(ExamRules.AttemptsMustStayWithinTheLimit(2, 3, alreadyPassed: false, oneInProgress: false));
        Assert.Equal(new TrainingProblem("examId", "Exam.NoAttemptsLeft"), ExamRules.AttemptsMustStayWithinTheLimit(3, 3, alreadyPassed: false, oneInProgress: false));
    }

    [Fact]
    public void TRN_02_AttemptsLimit_APassedExamOrAnOpenAttemptTakesNoNewAttempt()
    {
        Assert.Equal("Exam.AlreadyPassed", ExamRules.AttemptsMustStayWithinTheLimit(1, 3, alreadyPassed: true, oneInProgress: false)!.Key);
        Assert.Equal("Exam.AttemptInProgress", ExamRules.AttemptsMustStayWithinTheLimit(1, 3, alreadyPassed: false, oneInProgress: true)!.Key);
    }

    [Fact]
    public void TRN_02_TimeLimit_ASubmissionUpToTheLimitPlusGraceCountsOneSecondLaterIsLate()
    {
        var started = new DateTime(2026, 12, 1, 2, 0, 0, DateTimeKind.Utc);
        Assert.Equal(started.AddMinutes(30).AddSeconds(60), ExamRules.AnswersAcceptedUntil(started, 30, 60));
        Assert.False(ExamRules.SubmissionIsLate(started, started.AddMinutes(30).AddSeconds(60), 30, 60));
        Assert.True(ExamRules.SubmissionIsLate(started, started.AddMinutes(30).AddSeconds(61), 30, 60));
        Assert.True(ExamRules.SubmissionIsLate(started, started.AddMinutes(30).AddSeconds(1), 30, 0));
    }

    [Fact]
    public void TRN_02_MultipleChoice_ScoresOnlyTheExactSetOfCorrectOptions()
    {
        int[] correct = [0, 2, 3];
        Assert.Equal(2, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.MultipleChoice, correct, [3, 0, 2], 2));
        Assert.Equal(0, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.MultipleChoice, correct, [0, 2], 2));        // one missing
        Assert.Equal(0, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.MultipleChoice, correct, [0, 1, 2, 3], 2));  // one too many
        Assert.Equal(0, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.MultipleChoice, correct, [], 2));
        Assert.Equal(2, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.MultipleChoice, correct, [0, 2, 3, 3], 2));  // a repeated option is one choice
    }

    [Fact]
    public void TRN_02_SingleChoiceAndTrueFalse_TakeOneOptionOnly()
    {
        Assert.Equal(1, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.SingleChoice, [1], [1], 1));
        Assert.Equal(0, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.SingleChoice, [1], [1, 2], 1));
        Assert.Equal(1, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.TrueFalse, [0], [0], 1));
        Assert.Equal(0, ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.TrueFalse, [0], [1], 1));
    }

    [Fact]
    public void TRN_02_ShortAnswer_IsNotGradedByTheRuleAndTrainerPointsStayInRange()
    {
        Assert.Throws<ArgumentException>(() => ExamRules.ChoiceAnswerScoresOnlyWhenExact(QuestionKind.ShortAnswer, [], [], 2));
        Assert.True(ExamRules.ShortAnswerPointsAreWithinTheQuestion(0, 2));
        Assert.True(ExamRules.ShortAnswerPointsAreWithinTheQuestion(2, 2));
        Assert.False(ExamRules.ShortAnswerPointsAreWithinTheQuestion(3, 2));
        Assert.False(ExamRules.ShortAnswerPointsAreWithinTheQuestion(-1, 2));
    }

    [Fact]
    public void TRN_02_Shuffle_IsReproducibleFromTheSeedAndDiffersBetweenSeeds()
    {
        var bank = Enumerable.Range(1, 20).ToArray();
        var first = ExamShuffle.Draw(bank, 10, 12345);
        Assert.Equal(first, ExamShuffle.Draw(bank, 10, 12345));
        Assert.Equal(10, first.Distinct().Count());
        Assert.NotEqual(first, ExamShuffle.Draw(bank, 10, 54321));
        Assert.Equal(bank.Length, ExamShuffle.Draw(bank, 50, 7).Count);
        var options = ExamShuffle.OptionOrder(4, 12345, 9);
        Assert.Equal([0, 1, 2, 3], options.Order());
        Assert.Equal(options, ExamShuffle.OptionOrder(4, 12345, 9));
    }

    [Theory]
    [InlineData(true, true, null, null)]                                        // staff from before the gate
    [InlineData(true, true, OnboardingStatus.Passed, null)]
    [InlineData(true, true, OnboardingStatus.Exempted, null)]
    [InlineData(true, false, OnboardingStatus.Pending, "Duty.OnboardingPending")]
    [InlineData(true, true, OnboardingStatus.Pending, "Duty.OnboardingPending")]  // ticking "on duty" does not skip the exam
    [InlineData(true, false, null, "Duty.MarkedOffDuty")]
    [InlineData(false, true, OnboardingStatus.Passed, "Duty.Inactive")]
    public void TRN_04_Gate_ANewEmployeeIsNotOnDutyUntilPassedOrExempted(bool active, bool marked, OnboardingStatus? onboarding, string? reason) =>
        Assert.Equal(reason, DutyRules.NotOnDutyUntilOnboardingPassed(active, marked, onboarding));

    [Fact]
    public void TRN_02_Policy_OutOfRangeValuesAreNamed()
    {
        Assert.Empty(new TrainingPolicy().Validate());
        Assert.Equal(["passMarkPercent", "attemptsLimit"], new TrainingPolicy { PassMarkPercent = 0, AttemptsLimit = 0 }.Validate().Select(v => v.Field));
    }
}
