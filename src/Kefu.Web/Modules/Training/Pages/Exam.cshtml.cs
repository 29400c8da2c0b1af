using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-02: an exam's rules, the caller's attempts, and the button that starts the next one (phone-first).</summary>
public sealed class ExamModel(KefuDbContext db, CourseUseCases courses, AttemptUseCases attempts, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public ExamDto Exam { get; private set; } = null!;
    public IReadOnlyList<ExamAttempt> Mine { get; private set; } = [];
    public bool CanManage => TrainingModule.CanManage(current);
    public bool CanStart => Mine.All(a => a.Status is not (AttemptStatus.Passed or AttemptStatus.InProgress)) && Mine.Count < Exam.AttemptsLimit;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var exam = await TrainingModule.Exams(db, current).AsNoTracking().SingleOrDefaultAsync(e => e.Id == Id, ct);
        if (exam is null)
        {
            return false;
        }

        Exam = await courses.ToDtoAsync(exam, ct);
        Mine = await db.Set<ExamAttempt>().AsNoTracking().Where(a => a.ExamId == Id && a.OwnerId == current.UserId).OrderBy(a => a.Number).ToListAsync(ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!await TrainingModule.CanActAsync(current, ct))
        {
            return Forbid();
        }

        var result = await attempts.StartAsync(current.UserId!, Id, ct);
        switch (result)
        {
            case AttemptResult.Ok ok:
                return Redirect($"/training/attempts/{ok.Attempt.Id}");
            case AttemptResult.NotFound:
                return NotFound();
            case AttemptResult.Invalid invalid:
                foreach (var (_, messages) in invalid.Problems.Errors)
                {
                    messages.ForEach(m => ModelState.AddModelError(string.Empty, m));
                }

                break;
            case AttemptResult.Conflict conflict:
                ModelState.AddModelError(string.Empty, Platform.Localization.Text.Get(conflict.Key));
                break;
        }

        await LoadAsync(ct);
        return Page();
    }
}
