namespace Kefu.Core.Training;

/// <summary>TRN-01: the subjects of the courses (seed 001 ch. 5 §3, seed 003).</summary>
public enum CourseCategory
{
    CompanyCulture,
    JobDuties,
    ProfessionalEthics,
    TelephoneEtiquette,
    Handoffs,
    TmsWms,
    Quoting,
    OfficeSoftware,
    TrackingQueries,
    Email,
}

/// <summary>TRN-02: the kinds of question in a course's bank.</summary>
public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
    TrueFalse,

    /// <summary>Graded by a trainer after the attempt is submitted.</summary>
    ShortAnswer,
}

/// <summary>
/// The numbers of TRN-02 as defaults an administrator may change (Settings → Policies). Seed 001
/// says only "考试合格才能正式上岗"; the figures here are defaults, each exam may set its own.
/// </summary>
public sealed record TrainingPolicy
{
    public const string Key = "training.policy";

    /// <summary>TRN-02: the share of the points an attempt needs to pass; exactly this share passes.</summary>
    public int PassMarkPercent { get; init; } = 80;

    /// <summary>TRN-02: minutes from the start of an attempt to its last accepted answer.</summary>
    public int TimeLimitMinutes { get; init; } = 30;

    /// <summary>TRN-02: how many attempts one person has at one exam.</summary>
    public int AttemptsLimit { get; init; } = 3;

    /// <summary>TRN-02: how many questions an exam draws from the bank.</summary>
    public int QuestionCount { get; init; } = 10;

    /// <summary>TRN-02: seconds after the time limit in which a submission still counts (the phone's network).</summary>
    public int GraceSeconds { get; init; } = 60;

    /// <summary>The fields out of range, with the allowed range.</summary>
    public IEnumerable<(string Field, int Min, int Max)> Validate()
    {
        if (PassMarkPercent is < 1 or > 100)
        {
            yield return ("passMarkPercent", 1, 100);
        }

        if (TimeLimitMinutes is < 1 or > 600)
        {
            yield return ("timeLimitMinutes", 1, 600);
        }

        if (AttemptsLimit is < 1 or > 20)
        {
            yield return ("attemptsLimit", 1, 20);
        }

        if (QuestionCount is < 1 or > 200)
        {
            yield return ("questionCount", 1, 200);
        }

        if (GraceSeconds is < 0 or > 600)
        {
            yield return ("graceSeconds", 0, 600);
        }
    }
}

/// <summary>A problem a rule found: the field and the message key (Resources), as the API reports it.</summary>
public sealed record TrainingProblem(string Field, string Key);

/// <summary>TRN-02: the rules of an exam attempt.</summary>
public static class ExamRules
{
    /// <summary>
    /// TRN-02 pass mark: the attempt passes when its points reach the pass mark's share of the
    /// maximum; reaching it exactly passes. Whole numbers only, so no rounding decides a result.
    /// </summary>
    public static bool PassMarkIsReachedAtOrAbove(int score, int maxScore, int passMarkPercent) =>
        maxScore > 0 && (long)score * 100 >= (long)passMarkPercent * maxScore;

    /// <summary>TRN-02 attempts limit: a person who passed takes no further attempt, and nobody takes more than the limit.</summary>
    public static TrainingProblem? AttemptsMustStayWithinTheLimit(int attemptsTaken, int attemptsLimit, bool alreadyPassed, bool oneInProgress) =>
        alreadyPassed ? new("examId", "Exam.AlreadyPassed")
        : oneInProgress ? new("examId", "Exam.AttemptInProgress")
        : attemptsTaken >= attemptsLimit ? new("examId", "Exam.NoAttemptsLeft")
        : null;

    /// <summary>TRN-02 time limit: the last instant an answer of an attempt is accepted (the limit plus the grace for the network).</summary>
    public static DateTime AnswersAcceptedUntil(DateTime startedAt, int timeLimitMinutes, int graceSeconds) =>
        startedAt.AddMinutes(timeLimitMinutes).AddSeconds(graceSeconds);

    /// <summary>TRN-02 time limit: a submission after <see cref="AnswersAcceptedUntil"/> is late and scores nothing.</summary>
    public static bool SubmissionIsLate(DateTime startedAt, DateTime submittedAt, int timeLimitMinutes, int graceSeconds) =>
        submittedAt > AnswersAcceptedUntil(startedAt, timeLimitMinutes, graceSeconds);

    /// <summary>
    /// TRN-02 grading of a choice question: the points only when the chosen options are exactly
    /// the correct ones (a multiple-choice answer with one option missing or one too many scores 0).
    /// </summary>
    public static int ChoiceAnswerScoresOnlyWhenExact(QuestionKind kind, IReadOnlyCollection<int> correct, IReadOnlyCollection<int> chosen, int points)
    {
        if (kind == QuestionKind.ShortAnswer)
        {
            throw new ArgumentException("A short answer is graded by a trainer.", nameof(kind));
        }

        var chosenSet = chosen.ToHashSet();
        if (kind != QuestionKind.MultipleChoice && chosenSet.Count != 1)
        {
            return 0;
        }

        return chosenSet.SetEquals(correct) ? points : 0;
    }

    /// <summary>TRN-02: a trainer's points for a short answer stay between 0 and the question's points.</summary>
    public static bool ShortAnswerPointsAreWithinTheQuestion(int awarded, int points) => awarded >= 0 && awarded <= points;
}

/// <summary>
/// TRN-02: questions and options shuffled per attempt, from the attempt's own seed, so the same
/// attempt always shows the same order (it can be re-opened and re-graded) and two attempts differ.
/// A small generator of our own (SplitMix64), not <see cref="Random"/>, whose sequence is no contract.
/// </summary>
public static class ExamShuffle
{
    /// <summary>Draws <paramref name="count"/> of <paramref name="bank"/> (all when fewer) in the attempt's order.</summary>
    public static IReadOnlyList<T> Draw<T>(IReadOnlyList<T> bank, int count, long seed)
    {
        var order = Permutation(bank.Count, seed);
        return order.Take(Math.Min(count, bank.Count)).Select(i => bank[i]).ToArray();
    }

    /// <summary>The order in which an attempt shows the options of one question (indices into the bank's options).</summary>
    public static IReadOnlyList<int> OptionOrder(int optionCount, long seed, int questionId) =>
        Permutation(optionCount, seed ^ ((long)questionId * unchecked((long)0x9E3779B97F4A7C15)));

    /// <summary>A Fisher–Yates permutation of 0..n-1 driven by <paramref name="seed"/>.</summary>
    public static int[] Permutation(int n, long seed)
    {
        var items = Enumerable.Range(0, n).ToArray();
        var state = unchecked((ulong)seed);
        for (var i = n - 1; i > 0; i--)
        {
            var j = (int)(Next(ref state) % (ulong)(i + 1));
            (items[i], items[j]) = (items[j], items[i]);
        }

        return items;
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            var z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

/// <summary>Where a new employee stands with the onboarding exam (TRN-04).</summary>
public enum OnboardingStatus
{
    /// <summary>Created as a new employee and has not passed the onboarding exam yet.</summary>
    Pending,

    Passed,

    /// <summary>An administrator exempted them (recorded with a reason, audited).</summary>
    Exempted,
}

/// <summary>TRN-04: the on-duty gate.</summary>
public static class DutyRules
{
    /// <summary>
    /// TRN-04: a person can be given customers, incidents, cases or jobs only when active, marked
    /// on duty, and not a new employee waiting for the onboarding exam. The answer is the reason
    /// (a message key) or null when they are on duty. Staff without an onboarding record (those
    /// who were there before the gate, and people not created as new employees) are not gated by it.
    /// </summary>
    public static string? NotOnDutyUntilOnboardingPassed(bool active, bool markedOnDuty, OnboardingStatus? onboarding) =>
        !active ? "Duty.Inactive"
        : onboarding == OnboardingStatus.Pending ? "Duty.OnboardingPending"
        : !markedOnDuty ? "Duty.MarkedOffDuty"
        : null;
}
