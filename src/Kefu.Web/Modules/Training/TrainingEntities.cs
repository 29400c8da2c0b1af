using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Training;

/// <summary>
/// A course (TRN-01): its material is text with headings, lists and links (the light markup of
/// <see cref="CourseMaterial"/>); files hang on it as platform attachments. Courses are the
/// company's: every member of staff reads them.
/// </summary>
public sealed class TrainingCourse : IVersioned
{
    public int Id { get; set; }
    public CourseCategory Category { get; set; }
    public required string Title { get; set; }
    public string? Summary { get; set; }
    public string Material { get; set; } = "";
    public bool Published { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public int Version { get; set; }
}

/// <summary>A question of a course's bank (TRN-02). Options and correct options are JSON arrays (options by text, correct by index).</summary>
public sealed class TrainingQuestion : IVersioned
{
    public int Id { get; set; }
    public int CourseId { get; set; }
    public QuestionKind Kind { get; set; }
    public required string Text { get; set; }
    public string OptionsJson { get; set; } = "[]";
    public string CorrectJson { get; set; } = "[]";

    /// <summary>What a trainer looks for in a short answer; shown to graders only.</summary>
    public string? ModelAnswer { get; set; }

    public int Points { get; set; } = 1;
    public bool Retired { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>An exam (TRN-02): drawn from the banks of its courses with a pass mark, a time limit and an attempts limit.</summary>
public sealed class TrainingExam : IVersioned
{
    public int Id { get; set; }
    public required string Title { get; set; }

    /// <summary>The courses whose banks the exam draws from, as a JSON array of ids.</summary>
    public string CourseIdsJson { get; set; } = "[]";

    /// <summary>TRN-04: passing this exam puts a new employee on duty.</summary>
    public bool Onboarding { get; set; }

    public int QuestionCount { get; set; }
    public int PassMarkPercent { get; set; }
    public int TimeLimitMinutes { get; set; }
    public int AttemptsLimit { get; set; }
    public bool Published { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

public enum AttemptStatus
{
    InProgress,

    /// <summary>Submitted; a short answer waits for a trainer.</summary>
    AwaitingGrading,

    Passed,
    Failed,
}

/// <summary>
/// One person's attempt at an exam (TRN-02). The questions, their order and the order of each
/// question's options follow from <see cref="Seed"/>; the drawn ids are kept too, so a later change
/// of the bank never changes an attempt already made. Owner: the trainee; org path: their unit.
/// </summary>
public sealed class ExamAttempt : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int ExamId { get; set; }
    public required string OwnerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int Number { get; set; }
    public long Seed { get; set; }
    public DateTime StartedAt { get; set; }

    /// <summary>The time limit's end (without the grace), as the trainee's countdown shows it.</summary>
    public DateTime DueAt { get; set; }

    public DateTime? SubmittedAt { get; set; }
    public bool Late { get; set; }
    public AttemptStatus Status { get; set; }
    public int Score { get; set; }
    public int MaxScore { get; set; }

    /// <summary>The exam's pass mark when the attempt started.</summary>
    public int PassMarkPercent { get; set; }

    public DateTime? GradedAt { get; set; }
    public string? GradedById { get; set; }
    public int Version { get; set; }
}

/// <summary>One question of an attempt, in the attempt's order, with the answer given and the points.</summary>
public sealed class AttemptAnswer
{
    public int Id { get; set; }
    public int AttemptId { get; set; }
    public int QuestionId { get; set; }
    public int Position { get; set; }

    /// <summary>The order the options were shown in (indices into the question's options), JSON.</summary>
    public string OptionOrderJson { get; set; } = "[]";

    /// <summary>The chosen options (indices into the question's options), JSON.</summary>
    public string? ChosenJson { get; set; }

    public string? Text { get; set; }
    public int? Points { get; set; }
    public string? GraderComment { get; set; }
}

/// <summary>
/// TRN-04: a person created as a new employee, until they pass the onboarding exam or are exempted.
/// Staff without a row were there before the gate (or were not created as new employees) and are
/// not held by it.
/// </summary>
public sealed class OnboardingRecord : IVersioned
{
    public required string UserId { get; set; }
    public OnboardingStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? PassedAt { get; set; }
    public int? AttemptId { get; set; }
    public DateTime? ExemptedAt { get; set; }
    public string? ExemptedById { get; set; }
    public string? ExemptionReason { get; set; }
    public int Version { get; set; }
}

/// <summary>A monthly training plan of a unit (TRN-03).</summary>
public sealed class TrainingPlan : IScopedRecord, IVersioned
{
    public int Id { get; set; }
    public int Year { get; set; }
    public int Month { get; set; }
    public required string Title { get; set; }
    public string? Notes { get; set; }
    public int OrgUnitId { get; set; }
    public string OrgPath { get; set; } = "/";
    public required string OwnerId { get; set; }
    public DateTime CreatedAt { get; set; }
    public int Version { get; set; }
}

/// <summary>A session of a plan (TRN-03): a course given by a trainer at a time and place.</summary>
public sealed class TrainingSession : IVersioned
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int CourseId { get; set; }
    public DateTime StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public string? Location { get; set; }
    public required string TrainerId { get; set; }
    public string OrgPath { get; set; } = "/";
    public int Version { get; set; }
}

/// <summary>TRN-03 attendance: the trainee signs in, the trainer confirms.</summary>
public sealed class SessionAttendance
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public required string TraineeId { get; set; }
    public DateTime SignedInAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }
    public string? ConfirmedById { get; set; }
}

public sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.ToTable("TrainingCourses");
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Summary).HasMaxLength(1000);
        builder.Property(c => c.Material).HasMaxLength(20000);
        builder.Property(c => c.CreatedById).HasMaxLength(450);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasIndex(c => new { c.Category, c.Title });
    }
}

public sealed class TrainingQuestionConfiguration : IEntityTypeConfiguration<TrainingQuestion>
{
    public void Configure(EntityTypeBuilder<TrainingQuestion> builder)
    {
        builder.ToTable("TrainingQuestions");
        builder.Property(q => q.Text).HasMaxLength(1000);
        builder.Property(q => q.OptionsJson).HasMaxLength(4000);
        builder.Property(q => q.CorrectJson).HasMaxLength(200);
        builder.Property(q => q.ModelAnswer).HasMaxLength(2000);
        builder.Property(q => q.Version).IsConcurrencyToken();
        builder.HasIndex(q => q.CourseId);
    }
}

public sealed class TrainingExamConfiguration : IEntityTypeConfiguration<TrainingExam>
{
    public void Configure(EntityTypeBuilder<TrainingExam> builder)
    {
        builder.ToTable("TrainingExams");
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.CourseIdsJson).HasMaxLength(1000);
        builder.Property(e => e.Version).IsConcurrencyToken();
    }
}

public sealed class ExamAttemptConfiguration : IEntityTypeConfiguration<ExamAttempt>
{
    public void Configure(EntityTypeBuilder<ExamAttempt> builder)
    {
        builder.ToTable("ExamAttempts");
        builder.Property(a => a.OwnerId).HasMaxLength(450);
        builder.Property(a => a.OrgPath).HasMaxLength(200);
        builder.Property(a => a.GradedById).HasMaxLength(450);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.ExamId, a.OwnerId, a.Number }).IsUnique();
        builder.HasIndex(a => new { a.Status, a.OrgPath });
    }
}

public sealed class AttemptAnswerConfiguration : IEntityTypeConfiguration<AttemptAnswer>
{
    public void Configure(EntityTypeBuilder<AttemptAnswer> builder)
    {
        builder.ToTable("AttemptAnswers");
        builder.Property(a => a.OptionOrderJson).HasMaxLength(200);
        builder.Property(a => a.ChosenJson).HasMaxLength(200);
        builder.Property(a => a.Text).HasMaxLength(2000);
        builder.Property(a => a.GraderComment).HasMaxLength(500);
        builder.HasIndex(a => new { a.AttemptId, a.Position }).IsUnique();
    }
}

public sealed class OnboardingRecordConfiguration : IEntityTypeConfiguration<OnboardingRecord>
{
    public void Configure(EntityTypeBuilder<OnboardingRecord> builder)
    {
        builder.ToTable("OnboardingRecords");
        builder.HasKey(o => o.UserId);
        builder.Property(o => o.UserId).HasMaxLength(450);
        builder.Property(o => o.ExemptedById).HasMaxLength(450);
        builder.Property(o => o.ExemptionReason).HasMaxLength(500);
        builder.Property(o => o.Version).IsConcurrencyToken();
        builder.HasIndex(o => o.Status);
    }
}

public sealed class TrainingPlanConfiguration : IEntityTypeConfiguration<TrainingPlan>
{
    public void Configure(EntityTypeBuilder<TrainingPlan> builder)
    {
        builder.ToTable("TrainingPlans");
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Notes).HasMaxLength(2000);
        builder.Property(p => p.OrgPath).HasMaxLength(200);
        builder.Property(p => p.OwnerId).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasIndex(p => new { p.Year, p.Month, p.OrgPath });
    }
}

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.ToTable("TrainingSessions");
        builder.Property(s => s.Location).HasMaxLength(200);
        builder.Property(s => s.TrainerId).HasMaxLength(450);
        builder.Property(s => s.OrgPath).HasMaxLength(200);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.PlanId);
        builder.HasIndex(s => s.TrainerId);
    }
}

public sealed class SessionAttendanceConfiguration : IEntityTypeConfiguration<SessionAttendance>
{
    public void Configure(EntityTypeBuilder<SessionAttendance> builder)
    {
        builder.ToTable("SessionAttendances");
        builder.Property(a => a.TraineeId).HasMaxLength(450);
        builder.Property(a => a.ConfirmedById).HasMaxLength(450);
        builder.HasIndex(a => new { a.SessionId, a.TraineeId }).IsUnique();
    }
}
