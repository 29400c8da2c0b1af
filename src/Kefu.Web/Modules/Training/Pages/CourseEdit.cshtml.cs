using Kefu.Core.Training;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>TRN-01: a training manager writes a course and its material.</summary>
[Authorize(Policy = TrainingModule.ManagePolicy)]
public sealed class CourseEditModel(KefuDbContext db, CourseUseCases courses, CurrentUser current) : PageModel
{
    public sealed class CourseForm
    {
        public CourseCategory? Category { get; set; }
        public string? Title { get; set; }
        public string? Summary { get; set; }
        public string? Material { get; set; }
        public bool Published { get; set; }
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public CourseForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var c = await db.Set<TrainingCourse>().AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
            if (c is null)
            {
                return NotFound();
            }

            Input = new CourseForm { Category = c.Category, Title = c.Title, Summary = c.Summary, Material = c.Material, Published = c.Published, Version = c.Version };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (course, problems, conflict) = await courses.SaveCourseAsync(Id, current.UserId!,
            new CourseInput(Input.Category, Input.Title, Input.Summary, Input.Material, Input.Published, Input.Version), ct);
        if (course is null && Id is not null)
        {
            return NotFound();
        }

        if (conflict)
        {
            ModelState.AddModelError(string.Empty, Platform.Localization.Text.Get("Training.ChangedMeanwhile"));
            return Page();
        }

        if (problems.HasErrors)
        {
            problems.CopyTo(ModelState);
            return Page();
        }

        return Redirect($"/training/courses/{course!.Id}");
    }
}
