using System.Globalization;
using System.Text.Json;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

public sealed record CourseInput(CourseCategory? Category, string? Title, string? Summary, string? Material, bool? Published, int? Version);

public sealed record CourseDto(int Id, CourseCategory Category, string Title, string? Summary, string Material, bool Published, int Questions, int Version);

public sealed record QuestionInput(QuestionKind? Kind, string? Text, IReadOnlyList<string?>? Options, IReadOnlyList<int>? Correct, string? ModelAnswer, int? Points);

public sealed record QuestionDto(int Id, int CourseId, QuestionKind Kind, string Text, IReadOnlyList<string> Options, IReadOnlyList<int> Correct, string? ModelAnswer, int Points, bool Retired);

public sealed record ExamInput(string? Title, IReadOnlyList<int>? CourseIds, bool? Onboarding, int? QuestionCount, int? PassMarkPercent, int? TimeLimitMinutes, int? AttemptsLimit, bool? Published, int? Version);

public sealed record ExamDto(int Id, string Title, IReadOnlyList<int> CourseIds, bool Onboarding, int QuestionCount, int PassMarkPercent, int TimeLimitMinutes,
    int AttemptsLimit, bool Published, int BankSize, int Version);

/// <summary>TRN-01/02: courses with their material, the question bank of each course, and the exams drawn from the banks.</summary>
public sealed class CourseUseCases(KefuDbContext db, PolicyStore policies, TimeProvider clock)
{
    public const int MaxOptions = 8;

    internal static IReadOnlyList<T> Read<T>(string json) => JsonSerializer.Deserialize<List<T>>(json) ?? [];

    internal static string Write<T>(IEnumerable<T> values) => JsonSerializer.Serialize(values.ToList());

    public static CourseDto ToDto(TrainingCourse c, int questions) => new(c.Id, c.Category, c.Title, c.Summary, c.Material, c.Published, questions, c.Version);

    public static QuestionDto ToDto(TrainingQuestion q) =>
        new(q.Id, q.CourseId, q.Kind, q.Text, Read<string>(q.OptionsJson), Read<int>(q.CorrectJson), q.ModelAnswer, q.Points, q.Retired);

    public async Task<ExamDto> ToDtoAsync(TrainingExam e, CancellationToken ct)
    {
        var courses = Read<int>(e.CourseIdsJson);
        var bank = await db.Set<TrainingQuestion>().CountAsync(q => courses.Contains(q.CourseId) && !q.Retired, ct);
        return new(e.Id, e.Title, courses, e.Onboarding, e.QuestionCount, e.PassMarkPercent, e.TimeLimitMinutes, e.AttemptsLimit, e.Published, bank, e.Version);
    }

    public async Task<(TrainingCourse? Course, ProblemBuilder Problems, bool Conflict)> SaveCourseAsync(int? id, string userId, CourseInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("title", input.Title).MaxLength("title", input.Title, 200)
            .MaxLength("summary", input.Summary, 1000).MaxLength("material", input.Material, 20000);
        if (input.Category is not { } category || !Enum.IsDefined(category))
        {
            problems.Add("category", "Validation.UnknownStatus");
        }

        TrainingCourse? course;
        if (id is { } existing)
        {
            course = await db.Set<TrainingCourse>().SingleOrDefaultAsync(c => c.Id == existing, ct);
            if (course is null)
            {
                return (null, problems, false);
            }

            if (input.Version is { } v && v != course.Version)
            {
                return (course, problems, true);
            }
        }
        else
        {
            course = new TrainingCourse { Title = "", CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        }

        if (problems.HasErrors)
        {
            return (id is null ? null : course, problems, false);
        }

        course.Category = input.Category!.Value;
        course.Title = input.Title!.Trim();
        course.Summary = string.IsNullOrWhiteSpace(input.Summary) ? null : input.Summary.Trim();
        course.Material = input.Material?.Trim() ?? "";
        course.Published = input.Published ?? course.Published;
        if (id is null)
        {
            db.Add(course);
        }

        await db.SaveChangesAsync(ct);
        return (course, problems, false);
    }

    public async Task<(TrainingQuestion? Question, ProblemBuilder Problems, bool Found)> AddQuestionAsync(int courseId, QuestionInput input, CancellationToken ct)
    {
        if (!await db.Set<TrainingCourse>().AnyAsync(c => c.Id == courseId, ct))
        {
            return (null, new ProblemBuilder(), false);
        }

        var problems = new ProblemBuilder().Required("text", input.Text).MaxLength("text", input.Text, 1000).MaxLength("modelAnswer", input.ModelAnswer, 2000);
        if (input.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            problems.Add("kind", "Validation.UnknownStatus");
            return (null, problems, true);
        }

        if (input.Points is { } p && p is < 1 or > 100)
        {
            problems.Add("points", "Policy.OutOfRange", 1, 100);
        }

        List<string> options = kind switch
        {
            QuestionKind.TrueFalse => ["对", "错"],
            QuestionKind.ShortAnswer => [],
            _ => (input.Options ?? []).Select(o => o?.Trim() ?? "").ToList(),
        };
        var correct = (input.Correct ?? []).Distinct().Order().ToList();
        if (kind is QuestionKind.SingleChoice or QuestionKind.MultipleChoice)
        {
            if (options.Count is < 2 or > MaxOptions || options.Any(o => o.Length is 0 or > 300))
            {
                problems.Add("options", "Question.Options", 2, MaxOptions);
            }
        }

        if (kind != QuestionKind.ShortAnswer)
        {
            var enough = kind == QuestionKind.MultipleChoice ? correct.Count >= 1 : correct.Count == 1;
            if (!enough || correct.Any(c => c < 0 || c >= options.Count))
            {
                problems.Add("correct", kind == QuestionKind.MultipleChoice ? "Question.CorrectSome" : "Question.CorrectOne");
            }
        }

        if (problems.HasErrors)
        {
            return (null, problems, true);
        }

        var question = new TrainingQuestion
        {
            CourseId = courseId, Kind = kind, Text = input.Text!.Trim(), OptionsJson = Write(options), CorrectJson = Write(kind == QuestionKind.ShortAnswer ? new List<int>() : correct),
            ModelAnswer = string.IsNullOrWhiteSpace(input.ModelAnswer) ? null : input.ModelAnswer.Trim(), Points = input.Points ?? 1, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(question);
        await db.SaveChangesAsync(ct);
        return (question, problems, true);
    }

    /// <summary>Retires a question: attempts already made keep it; new attempts no longer draw it.</summary>
    public async Task<TrainingQuestion?> RetireQuestionAsync(int id, CancellationToken ct)
    {
        var question = await db.Set<TrainingQuestion>().SingleOrDefaultAsync(q => q.Id == id, ct);
        if (question is not null && !question.Retired)
        {
            question.Retired = true;
            await db.SaveChangesAsync(ct);
        }

        return question;
    }

    /// <summary>A new exam's numbers: the training policy's defaults (TRN-02), for the form and for an API call that leaves them out.</summary>
    public Task<TrainingPolicy> DefaultsAsync(CancellationToken ct) => policies.GetAsync<TrainingPolicy>(TrainingPolicy.Key, ct);

    public async Task<(TrainingExam? Exam, ProblemBuilder Problems, bool Conflict)> SaveExamAsync(int? id, ExamInput input, CancellationToken ct)
    {
        var defaults = await DefaultsAsync(ct);
        var problems = new ProblemBuilder().Required("title", input.Title).MaxLength("title", input.Title, 200);
        var courseIds = (input.CourseIds ?? []).Distinct().ToList();
        if (courseIds.Count == 0 || courseIds.Count > 50 || await db.Set<TrainingCourse>().CountAsync(c => courseIds.Contains(c.Id), ct) != courseIds.Count)
        {
            problems.Add("courseIds", "Exam.Courses");
        }

        var numbers = new TrainingPolicy
        {
            QuestionCount = input.QuestionCount ?? defaults.QuestionCount, PassMarkPercent = input.PassMarkPercent ?? defaults.PassMarkPercent,
            TimeLimitMinutes = input.TimeLimitMinutes ?? defaults.TimeLimitMinutes, AttemptsLimit = input.AttemptsLimit ?? defaults.AttemptsLimit,
        };
        foreach (var (field, min, max) in numbers.Validate())
        {
            problems.Add(field, "Policy.OutOfRange", min, max);
        }

        TrainingExam? exam;
        if (id is { } existing)
        {
            exam = await db.Set<TrainingExam>().SingleOrDefaultAsync(e => e.Id == existing, ct);
            if (exam is null)
            {
                return (null, problems, false);
            }

            if (input.Version is { } v && v != exam.Version)
            {
                return (exam, problems, true);
            }
        }
        else
        {
            exam = new TrainingExam { Title = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        }

        if (problems.HasErrors)
        {
            return (id is null ? null : exam, problems, false);
        }

        exam.Title = input.Title!.Trim();
        exam.CourseIdsJson = Write(courseIds);
        exam.Onboarding = input.Onboarding ?? exam.Onboarding;
        exam.QuestionCount = numbers.QuestionCount;
        exam.PassMarkPercent = numbers.PassMarkPercent;
        exam.TimeLimitMinutes = numbers.TimeLimitMinutes;
        exam.AttemptsLimit = numbers.AttemptsLimit;
        exam.Published = input.Published ?? exam.Published;
        if (id is null)
        {
            db.Add(exam);
        }

        await db.SaveChangesAsync(ct);
        return (exam, problems, false);
    }

    public static string Label(int id) => id.ToString(CultureInfo.InvariantCulture);
}
