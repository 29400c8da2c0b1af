using System.Globalization;
using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-01/02: a course's material, files and links; its question bank for trainers, where managers add questions and files.</summary>
public sealed class CourseDetailModel(KefuDbContext db, CourseUseCases courses, AttachmentStore store, CurrentUser current, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class QuestionForm
    {
        public QuestionKind? Kind { get; set; }
        public string? Text { get; set; }

        /// <summary>One option a line.</summary>
        public string? Options { get; set; }

        /// <summary>The correct options' numbers (1-based), separated by commas.</summary>
        public string? Correct { get; set; }

        public string? ModelAnswer { get; set; }
        public int? Points { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public QuestionForm Question { get; set; } = new();
    [TempData] public string? Message { get; set; }

    public TrainingCourse Course { get; private set; } = null!;
    public IReadOnlyList<Attachment> Files { get; private set; } = [];
    public IReadOnlyList<QuestionDto> Questions { get; private set; } = [];
    public bool CanManage => TrainingModule.CanManage(current);
    public bool CanGrade => TrainingModule.CanGrade(current);

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var course = await TrainingModule.Courses(db, current).AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, ct);
        if (course is null)
        {
            return false;
        }

        Course = course;
        Files = await store.ForRecordAsync(TrainingModule.AttachmentType, Id.ToString(CultureInfo.InvariantCulture), ct);
        if (CanGrade)
        {
            Questions = (await db.Set<TrainingQuestion>().AsNoTracking().Where(q => q.CourseId == Id).OrderBy(q => q.Id).ToListAsync(ct)).Select(CourseUseCases.ToDto).ToArray();
        }

        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostQuestionAsync(CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var options = (Question.Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var correct = new List<int>();
        var badNumbers = false;
        foreach (var part in (Question.Correct ?? "").Split([',', '，', ' '], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                correct.Add(n - 1);
            }
            else
            {
                badNumbers = true;
            }
        }

        if (Question.Kind == QuestionKind.TrueFalse && correct.Count == 0 && !badNumbers)
        {
            correct.Add(0);
        }

        var (saved, problems, found) = await courses.AddQuestionAsync(Id, new QuestionInput(Question.Kind, Question.Text, options, correct, Question.ModelAnswer, Question.Points), ct);
        if (!found)
        {
            return NotFound();
        }

        if (badNumbers)
        {
            ModelState.AddModelError("Question.Correct", l["Question.CorrectOne"]);
        }

        if (saved is null || badNumbers)
        {
            problems.CopyTo(ModelState, "Question");
            await LoadAsync(ct);
            return Page();
        }

        Message = l["Common.Saved"];
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostRetireAsync(int questionId, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var question = await db.Set<TrainingQuestion>().AsNoTracking().SingleOrDefaultAsync(q => q.Id == questionId && q.CourseId == Id, ct);
        if (question is null)
        {
            return NotFound();
        }

        await courses.RetireQuestionAsync(questionId, ct);
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostFileAsync(IFormFile? file, CancellationToken ct)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        if (!await db.Set<TrainingCourse>().AnyAsync(c => c.Id == Id, ct))
        {
            return NotFound();
        }

        var (saved, problems) = await store.SaveAsync(TrainingModule.AttachmentType, Id.ToString(CultureInfo.InvariantCulture), "Material", file, current.UserId!, ct);
        if (saved is null)
        {
            problems.CopyTo(ModelState, "Upload");
            await LoadAsync(ct);
            return Page();
        }

        await db.SaveChangesAsync(ct);
        Message = l["Common.Saved"];
        return RedirectToPage(new { Id });
    }
}
