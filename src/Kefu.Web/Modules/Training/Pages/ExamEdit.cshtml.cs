using Kefu.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-02: a training manager sets an exam's courses, pass mark, time limit and attempts limit (a new exam starts from the policy's defaults).</summary>
[Authorize(Policy = TrainingModule.ManagePolicy)]
public sealed class ExamEditModel(KefuDbContext db, CourseUseCases courses) : PageModel
{
    public sealed class ExamForm
    {
        public string? Title { get; set; }
        public List<int> CourseIds { get; set; } = [];
        public bool Onboarding { get; set; }
        public int? QuestionCount { get; set; }
        public int? PassMarkPercent { get; set; }
        public int? TimeLimitMinutes { get; set; }
        public int? AttemptsLimit { get; set; }
        public bool Published { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public ExamForm Input { get; set; } = new();
    public IReadOnlyList<TrainingCourse> Courses { get; private set; } = [];

    private async Task LoadAsync(CancellationToken ct) =>
        Courses = await db.Set<TrainingCourse>().AsNoTracking().OrderBy(c => c.Category).ThenBy(c => c.Id).ToListAsync(ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Id is { } id)
        {
            var e = await db.Set<TrainingExam>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (e is null)
            {
                return NotFound();
            }

            Input = new ExamForm
            {
                Title = e.Title, CourseIds = [.. CourseUseCases.Read<int>(e.CourseIdsJson)], Onboarding = e.Onboarding, QuestionCount = e.QuestionCount, PassMarkPercent = e.PassMarkPercent,
                TimeLimitMinutes = e.TimeLimitMinutes, AttemptsLimit = e.AttemptsLimit, Published = e.Published, Version = e.Version,
            };
        }
        else
        {
            var d = await courses.DefaultsAsync(ct);
            Input = new ExamForm { QuestionCount = d.QuestionCount, PassMarkPercent = d.PassMarkPercent, TimeLimitMinutes = d.TimeLimitMinutes, AttemptsLimit = d.AttemptsLimit };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (exam, problems, conflict) = await courses.SaveExamAsync(Id, new ExamInput(Input.Title, Input.CourseIds, Input.Onboarding, Input.QuestionCount, Input.PassMarkPercent,
            Input.TimeLimitMinutes, Input.AttemptsLimit, Input.Published, Input.Version), ct);
        if (exam is null && Id is not null)
        {
            return NotFound();
        }

        if (conflict || problems.HasErrors)
        {
            if (conflict)
            {
                ModelState.AddModelError(string.Empty, Platform.Localization.Text.Get("Training.ChangedMeanwhile"));
            }

            problems.CopyTo(ModelState);
            await LoadAsync(ct);
            return Page();
        }

        return Redirect($"/training/exams/{exam!.Id}");
    }
}
