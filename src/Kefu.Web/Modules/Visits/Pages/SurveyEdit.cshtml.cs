using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits.Pages;

/// <summary>
/// VIS-05's questionnaire builder. It works without script: "add question" posts the form back
/// with one more blank row; blank rows are dropped on save.
/// </summary>
[Authorize(Policy = VisitsModule.SurveyAdminPolicy)]
public sealed class SurveyEditModel(KefuDbContext db, CurrentUser current, SurveyUseCases surveys) : PageModel
{
    public sealed class QuestionForm
    {
        public string? Text { get; set; }
        public string? TextEn { get; set; }
        public QuestionType Type { get; set; } = QuestionType.Rating;
        public string? Options { get; set; }
        public bool Required { get; set; } = true;
    }

    public sealed class SurveyForm
    {
        public string? Title { get; set; }
        public string? TitleEn { get; set; }
        public SurveyKind Kind { get; set; } = SurveyKind.ProjectSatisfaction;
        public List<QuestionForm> Questions { get; set; } = [];
        public int? Version { get; set; }
    }

    [BindProperty(SupportsGet = true)] public int? Id { get; set; }
    [BindProperty] public SurveyForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Id is { } id)
        {
            var survey = await db.Set<Survey>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(s => s.Id == id, ct);
            if (survey is null)
            {
                return NotFound();
            }

            if (survey.Published)
            {
                return Redirect($"/surveys/{id}");
            }

            Input = new SurveyForm
            {
                Title = survey.Title, TitleEn = survey.TitleEn, Kind = survey.Kind, Version = survey.Version,
                Questions = SurveyUseCases.Questions(survey).Select(q => new QuestionForm
                {
                    Text = q.Text, TextEn = q.TextEn, Type = q.Type, Options = string.Join("\n", q.Options ?? []), Required = q.Required,
                }).ToList(),
            };
        }

        Input.Questions.Add(new QuestionForm());
        return Page();
    }

    public IActionResult OnPostAddQuestion()
    {
        ModelState.Clear();
        Input.Questions.Add(new QuestionForm { Type = QuestionType.SingleChoice });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var questions = Input.Questions.Where(q => !string.IsNullOrWhiteSpace(q.Text)).ToList();
        var input = new SurveyInput(Input.Title, Input.TitleEn, Input.Kind, null,
            questions.Select(q => new SurveyQuestionInput(q.Text, q.TextEn, q.Type, (q.Options ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), q.Required)).ToArray(),
            Input.Version);
        var viewer = await current.GetViewerAsync(ct);
        if (Id is { } id)
        {
            var (survey, problems, conflict) = await surveys.UpdateAsync(viewer, id, input, ct);
            if (survey is null)
            {
                return NotFound();
            }

            if (!conflict && !problems.HasErrors)
            {
                return Redirect($"/surveys/{id}");
            }

            if (conflict)
            {
                ModelState.AddModelError(string.Empty, Kefu.Web.Platform.Localization.Text.Get("Common.Conflict"));
            }

            problems.CopyTo(ModelState);
        }
        else
        {
            var (survey, problems) = await surveys.CreateAsync(viewer, current.UserId!, input, ct);
            if (survey is not null)
            {
                return Redirect($"/surveys/{survey.Id}");
            }

            problems.CopyTo(ModelState);
        }

        Input.Questions = questions.Count == 0 ? [new QuestionForm()] : questions;
        return Page();
    }
}
