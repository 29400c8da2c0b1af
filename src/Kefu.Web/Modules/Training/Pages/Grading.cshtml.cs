using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-02: attempts in the trainer's scope with short answers waiting for points, and the latest results.</summary>
[Authorize(Policy = TrainingModule.GradePolicy)]
public sealed class GradingModel(KefuDbContext db, CurrentUser current) : PageModel
{
    public sealed record Row(int Id, string Exam, string Person, int Number, AttemptStatus Status, DateTime StartedAt, DateTime? SubmittedAt, int Score, int MaxScore);

    public IReadOnlyList<Row> Waiting { get; private set; } = [];
    public IReadOnlyList<Row> Recent { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var query = db.Set<ExamAttempt>().AsNoTracking().VisibleTo(viewer).Where(a => a.OwnerId != viewer.UserId);
        IQueryable<Row> Rows(IQueryable<ExamAttempt> q) => q.Select(a => new Row(a.Id, db.Set<TrainingExam>().Where(e => e.Id == a.ExamId).Select(e => e.Title).First(),
            db.Users.Where(u => u.Id == a.OwnerId).Select(u => u.DisplayName).First(), a.Number, a.Status, a.StartedAt, a.SubmittedAt, a.Score, a.MaxScore));
        Waiting = await Rows(query.Where(a => a.Status == AttemptStatus.AwaitingGrading).OrderBy(a => a.SubmittedAt).Take(200)).ToListAsync(ct);
        Recent = await Rows(query.Where(a => a.Status != AttemptStatus.AwaitingGrading).OrderByDescending(a => a.StartedAt).Take(50)).ToListAsync(ct);
    }
}
