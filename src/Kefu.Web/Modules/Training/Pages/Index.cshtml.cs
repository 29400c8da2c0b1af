using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

public sealed record ExamRow(ExamDto Exam, int Attempts, AttemptStatus? Best, int? OpenAttemptId);

/// <summary>TRN-01/02: the courses by category and the exams, with the caller's own attempts.</summary>
public sealed class IndexModel(KefuDbContext db, CourseUseCases courses, CurrentUser current) : PageModel
{
    public IReadOnlyList<TrainingCourse> Courses { get; private set; } = [];
    public IReadOnlyList<ExamRow> Exams { get; private set; } = [];
    public bool CanManage => TrainingModule.CanManage(current);
    public bool CanGrade => TrainingModule.CanGrade(current);
    public string? NotOnDutyReason { get; private set; }

    public async Task OnGetAsync([Microsoft.AspNetCore.Mvc.FromServices] Contracts.IOnDutyGate gate, CancellationToken ct)
    {
        var me = current.UserId!;
        Courses = await TrainingModule.Courses(db, current).AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.Id).ToListAsync(ct);
        var exams = await TrainingModule.Exams(db, current).AsNoTracking().OrderByDescending(e => e.Onboarding).ThenBy(e => e.Id).ToListAsync(ct);
        var mine = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.OwnerId == me).ToListAsync(ct);
        var rows = new List<ExamRow>();
        foreach (var e in exams)
        {
            var attempts = mine.Where(a => a.ExamId == e.Id).ToList();
            var best = attempts.Count == 0 ? (AttemptStatus?)null
                : attempts.Any(a => a.Status == AttemptStatus.Passed) ? AttemptStatus.Passed
                : attempts.Any(a => a.Status == AttemptStatus.AwaitingGrading) ? AttemptStatus.AwaitingGrading
                : attempts.Any(a => a.Status == AttemptStatus.InProgress) ? AttemptStatus.InProgress : AttemptStatus.Failed;
            rows.Add(new ExamRow(await courses.ToDtoAsync(e, ct), attempts.Count, best, attempts.FirstOrDefault(a => a.Status == AttemptStatus.InProgress)?.Id));
        }

        Exams = rows;
        NotOnDutyReason = await gate.WhyNotOnDutyAsync(me, ct);
    }
}
