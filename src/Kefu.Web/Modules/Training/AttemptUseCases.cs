using System.Security.Cryptography;
using Kefu.Core.Organization;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

public sealed record AnswerInput(int? QuestionId, IReadOnlyList<int>? Chosen, string? Text);

public sealed record SubmitInput(IReadOnlyList<AnswerInput>? Answers);

public sealed record GradeLine(int? QuestionId, int? Points, string? Comment);

public sealed record GradeInput(IReadOnlyList<GradeLine>? Lines);

/// <summary>An option as an attempt shows it: its key is its index in the bank, so the shuffle never changes what an answer means.</summary>
public sealed record AttemptOptionDto(int Key, string Text);

public sealed record AttemptQuestionDto(int Position, int QuestionId, QuestionKind Kind, string Text, IReadOnlyList<AttemptOptionDto> Options, int MaxPoints,
    IReadOnlyList<int> Chosen, string? Answer, int? Points, string? GraderComment);

public sealed record AttemptDto(int Id, int ExamId, string ExamTitle, string OwnerId, string OwnerName, int Number, AttemptStatus Status, DateTime StartedAt, DateTime DueAt,
    DateTime AcceptedUntil, DateTime? SubmittedAt, bool Late, int Score, int MaxScore, int PassMarkPercent, IReadOnlyList<AttemptQuestionDto> Questions, int Version);

public abstract record AttemptResult
{
    public sealed record Ok(ExamAttempt Attempt) : AttemptResult;

    public sealed record Invalid(ProblemBuilder Problems) : AttemptResult;

    public sealed record NotFound : AttemptResult;

    public sealed record Conflict(string Key) : AttemptResult;
}

/// <summary>
/// TRN-02: taking an exam. An attempt draws its questions and orders them and their options from
/// its own seed; the answers and the result are kept. Passing the onboarding exam puts a new
/// employee on duty (TRN-04) in the same transaction.
/// </summary>
public sealed class AttemptUseCases(KefuDbContext db, CourseUseCases courses, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<AttemptResult> StartAsync(string userId, int examId, CancellationToken ct)
    {
        var exam = await db.Set<TrainingExam>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == examId && e.Published, ct);
        if (exam is null)
        {
            return new AttemptResult.NotFound();
        }

        var policy = await courses.DefaultsAsync(ct);
        await CloseOverdueAsync(userId, policy, ct);
        var mine = await db.Set<ExamAttempt>().Where(a => a.ExamId == examId && a.OwnerId == userId).Select(a => a.Status).ToListAsync(ct);
        if (ExamRules.AttemptsMustStayWithinTheLimit(mine.Count, exam.AttemptsLimit, mine.Contains(AttemptStatus.Passed), mine.Contains(AttemptStatus.InProgress)) is { } refusal)
        {
            return new AttemptResult.Invalid(new ProblemBuilder().Add(refusal.Field, refusal.Key, exam.AttemptsLimit));
        }

        var courseIds = CourseUseCases.Read<int>(exam.CourseIdsJson);
        var bank = await db.Set<TrainingQuestion>().AsNoTracking().Where(q => courseIds.Contains(q.CourseId) && !q.Retired).OrderBy(q => q.Id).ToListAsync(ct);
        if (bank.Count == 0)
        {
            return new AttemptResult.Invalid(new ProblemBuilder().Add("examId", "Exam.EmptyBank"));
        }

        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var seed = RandomNumberGenerator.GetInt32(int.MaxValue);
        var drawn = ExamShuffle.Draw(bank, exam.QuestionCount, seed);
        var now = Now;
        var attempt = new ExamAttempt
        {
            ExamId = exam.Id, OwnerId = userId, OrgPath = user.OrgPath, Number = mine.Count + 1, Seed = seed, StartedAt = now, DueAt = now.AddMinutes(exam.TimeLimitMinutes),
            Status = AttemptStatus.InProgress, MaxScore = drawn.Sum(q => q.Points), PassMarkPercent = exam.PassMarkPercent,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(attempt);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Two starts at once: the other one took this attempt number.
            return new AttemptResult.Conflict("Exam.AttemptInProgress");
        }

        var position = 1;
        foreach (var q in drawn)
        {
            var options = CourseUseCases.Read<string>(q.OptionsJson);
            db.Add(new AttemptAnswer
            {
                AttemptId = attempt.Id, QuestionId = q.Id, Position = position++,
                OptionOrderJson = CourseUseCases.Write(q.Kind == QuestionKind.TrueFalse ? Enumerable.Range(0, options.Count) : ExamShuffle.OptionOrder(options.Count, seed, q.Id)),
            });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AttemptResult.Ok(attempt);
    }

    /// <summary>An attempt left open past its time (the phone went off) fails as late, so it counts and frees the way to the next one.</summary>
    private async Task CloseOverdueAsync(string userId, TrainingPolicy policy, CancellationToken ct)
    {
        var cutoff = Now.AddSeconds(-policy.GraceSeconds);
        var open = await db.Set<ExamAttempt>().Where(a => a.OwnerId == userId && a.Status == AttemptStatus.InProgress && a.DueAt < cutoff).ToListAsync(ct);
        foreach (var a in open)
        {
            a.Status = AttemptStatus.Failed;
            a.Late = true;
            a.Score = 0;
        }

        if (open.Count > 0)
        {
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The attempt if the viewer may see it: their own, or one in their scope.</summary>
    public Task<ExamAttempt?> FindAsync(ScopeViewer viewer, int id, CancellationToken ct) =>
        db.Set<ExamAttempt>().VisibleTo(viewer).SingleOrDefaultAsync(a => a.Id == id, ct);

    public async Task<AttemptDto> ToDtoAsync(ExamAttempt a, CancellationToken ct)
    {
        var policy = await courses.DefaultsAsync(ct);
        var title = await db.Set<TrainingExam>().Where(e => e.Id == a.ExamId).Select(e => e.Title).SingleAsync(ct);
        var owner = await db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).SingleAsync(ct);
        var answers = await db.Set<AttemptAnswer>().AsNoTracking().Where(x => x.AttemptId == a.Id).OrderBy(x => x.Position).ToListAsync(ct);
        var ids = answers.Select(x => x.QuestionId).ToList();
        var questions = await db.Set<TrainingQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var submitted = a.Status != AttemptStatus.InProgress;
        var items = answers.Select(x =>
        {
            var q = questions[x.QuestionId];
            var options = CourseUseCases.Read<string>(q.OptionsJson);
            var shown = CourseUseCases.Read<int>(x.OptionOrderJson).Where(i => i < options.Count).Select(i => new AttemptOptionDto(i, options[i])).ToArray();
            return new AttemptQuestionDto(x.Position, q.Id, q.Kind, q.Text, shown, q.Points, x.ChosenJson is null ? [] : CourseUseCases.Read<int>(x.ChosenJson), x.Text,
                submitted ? x.Points : null, x.GraderComment);
        }).ToArray();
        return new AttemptDto(a.Id, a.ExamId, title, a.OwnerId, owner, a.Number, a.Status, a.StartedAt, a.DueAt,
            ExamRules.AnswersAcceptedUntil(a.StartedAt, (int)(a.DueAt - a.StartedAt).TotalMinutes, policy.GraceSeconds), a.SubmittedAt, a.Late, a.Score, a.MaxScore,
            a.PassMarkPercent, items, a.Version);
    }

    public async Task<AttemptResult> SubmitAsync(string userId, int id, SubmitInput input, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().SingleOrDefaultAsync(a => a.Id == id && a.OwnerId == userId, ct);
        if (attempt is null)
        {
            return new AttemptResult.NotFound();
        }

        if (attempt.Status != AttemptStatus.InProgress)
        {
            return new AttemptResult.Conflict("Exam.AlreadySubmitted");
        }

        var answers = await db.Set<AttemptAnswer>().Where(x => x.AttemptId == id).ToListAsync(ct);
        var ids = answers.Select(x => x.QuestionId).ToList();
        var questions = await db.Set<TrainingQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var problems = new ProblemBuilder();
        var given = new Dictionary<int, AnswerInput>();
        var lines = input.Answers ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line?.QuestionId is not { } qid || !questions.TryGetValue(qid, out var q) || !given.TryAdd(qid, line))
            {
                problems.Add($"answers[{i}].questionId", "Exam.UnknownQuestion");
                continue;
            }

            var count = CourseUseCases.Read<string>(q.OptionsJson).Count;
            if ((line.Chosen ?? []).Any(c => c < 0 || c >= count))
            {
                problems.Add($"answers[{i}].chosen", "Exam.UnknownOption");
            }

            problems.MaxLength($"answers[{i}].text", line.Text, 2000);
        }

        if (problems.HasErrors)
        {
            return new AttemptResult.Invalid(problems);
        }

        var policy = await courses.DefaultsAsync(ct);
        var now = Now;
        var late = ExamRules.SubmissionIsLate(attempt.StartedAt, now, (int)(attempt.DueAt - attempt.StartedAt).TotalMinutes, policy.GraceSeconds);
        foreach (var x in answers)
        {
            var q = questions[x.QuestionId];
            var line = given.GetValueOrDefault(x.QuestionId);
            var chosen = (line?.Chosen ?? []).Distinct().Order().ToArray();
            x.ChosenJson = CourseUseCases.Write(chosen);
            x.Text = string.IsNullOrWhiteSpace(line?.Text) ? null : line.Text.Trim();
            // TRN-02 time limit: a late submission is kept, and scores nothing.
            x.Points = late ? 0
                : q.Kind == QuestionKind.ShortAnswer ? (x.Text is null ? 0 : (int?)null)
                : ExamRules.ChoiceAnswerScoresOnlyWhenExact(q.Kind, CourseUseCases.Read<int>(q.CorrectJson), chosen, q.Points);
        }

        attempt.SubmittedAt = now;
        attempt.Late = late;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ConcludeAsync(attempt, answers, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AttemptResult.Ok(attempt);
    }

    /// <summary>A trainer grades the short answers of a submitted attempt in their scope (not their own).</summary>
    public async Task<AttemptResult> GradeAsync(ScopeViewer viewer, string graderId, int id, GradeInput input, CancellationToken ct)
    {
        var attempt = await db.Set<ExamAttempt>().VisibleTo(viewer).SingleOrDefaultAsync(a => a.Id == id && a.OwnerId != graderId, ct);
        if (attempt is null)
        {
            return new AttemptResult.NotFound();
        }

        if (attempt.Status != AttemptStatus.AwaitingGrading)
        {
            return new AttemptResult.Conflict("Exam.NotAwaitingGrading");
        }

        var answers = await db.Set<AttemptAnswer>().Where(x => x.AttemptId == id).ToListAsync(ct);
        var ids = answers.Select(x => x.QuestionId).ToList();
        var questions = await db.Set<TrainingQuestion>().AsNoTracking().Where(q => ids.Contains(q.Id)).ToDictionaryAsync(q => q.Id, ct);
        var problems = new ProblemBuilder();
        var lines = input.Lines ?? [];
        var graded = new HashSet<int>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var answer = answers.SingleOrDefault(x => x.QuestionId == line?.QuestionId && questions[x.QuestionId].Kind == QuestionKind.ShortAnswer && x.Points is null);
            if (answer is null || !graded.Add(answer.QuestionId))
            {
                problems.Add($"lines[{i}].questionId", "Exam.UnknownQuestion");
                continue;
            }

            var max = questions[answer.QuestionId].Points;
            if (line!.Points is not { } points || !ExamRules.ShortAnswerPointsAreWithinTheQuestion(points, max))
            {
                problems.Add($"lines[{i}].points", "Policy.OutOfRange", 0, max);
            }

            problems.MaxLength($"lines[{i}].comment", line.Comment, 500);
        }

        if (answers.Any(x => x.Points is null && !graded.Contains(x.QuestionId)))
        {
            problems.Add("lines", "Exam.GradeEveryAnswer");
        }

        if (problems.HasErrors)
        {
            return new AttemptResult.Invalid(problems);
        }

        foreach (var line in lines)
        {
            var answer = answers.Single(x => x.QuestionId == line.QuestionId);
            answer.Points = line.Points;
            answer.GraderComment = string.IsNullOrWhiteSpace(line.Comment) ? null : line.Comment.Trim();
        }

        attempt.GradedAt = Now;
        attempt.GradedById = graderId;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ConcludeAsync(attempt, answers, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new AttemptResult.Ok(attempt);
    }

    /// <summary>The result once every answer has its points; passing the onboarding exam ends the new employee's wait (TRN-04).</summary>
    private async Task ConcludeAsync(ExamAttempt attempt, IReadOnlyList<AttemptAnswer> answers, CancellationToken ct)
    {
        attempt.Score = answers.Sum(x => x.Points ?? 0);
        if (answers.Any(x => x.Points is null))
        {
            attempt.Status = AttemptStatus.AwaitingGrading;
            return;
        }

        attempt.Status = ExamRules.PassMarkIsReachedAtOrAbove(attempt.Score, attempt.MaxScore, attempt.PassMarkPercent) ? AttemptStatus.Passed : AttemptStatus.Failed;
        if (attempt.Status != AttemptStatus.Passed || !await db.Set<TrainingExam>().AnyAsync(e => e.Id == attempt.ExamId && e.Onboarding, ct))
        {
            return;
        }

        var record = await db.Set<OnboardingRecord>().SingleOrDefaultAsync(o => o.UserId == attempt.OwnerId, ct);
        if (record is { Status: OnboardingStatus.Pending })
        {
            record.Status = OnboardingStatus.Passed;
            record.PassedAt = Now;
            record.AttemptId = attempt.Id;
            var user = await db.Users.SingleAsync(u => u.Id == attempt.OwnerId, ct);
            user.OnDuty = true;
        }
    }
}
