using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Visits.Pages;

/// <summary>VIS-05: the respondent's page behind a signed link; no account, phone-sized, Chinese or English.</summary>
[AllowAnonymous]
public sealed class SurveyAnswerModel(SurveyUseCases surveys) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    public OpenedSurvey Opened { get; private set; } = new(LinkState.Invalid, null, null, []);
    public bool Thanks { get; private set; }
    public IReadOnlyDictionary<string, string[]> Given { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Opened = await surveys.OpenAsync(Token, ct);
        return Opened.State == LinkState.Invalid ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Opened = await surveys.OpenAsync(Token, ct);
        if (Opened.State == LinkState.Invalid)
        {
            return NotFound();
        }

        Given = Opened.Questions.ToDictionary(q => q.Key, q => Request.Form["a_" + q.Key].Where(v => v is not null).Select(v => v!).ToArray());
        var answers = Given.Where(g => g.Value.Length > 0).ToDictionary(g => g.Key, g =>
            Opened.Questions.Single(q => q.Key == g.Key).Type == QuestionType.MultipleChoice ? JsonSerializer.SerializeToElement(g.Value) : JsonSerializer.SerializeToElement(g.Value[0]));
        var (state, problems) = await surveys.AnswerAsync(Token, new SurveyAnswers(answers), ct);
        if (state == LinkState.Open && problems.HasErrors)
        {
            foreach (var (field, messages) in problems.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(field.Replace("answers.", "a_", StringComparison.Ordinal), message);
                }
            }

            return Page();
        }

        Thanks = state == LinkState.Open;
        Opened = Opened with { State = Thanks ? LinkState.Answered : state };
        return Page();
    }

    public string QuestionText(SurveyQuestion q) => Platform.Localization.LocalizationSetup.IsEnglish && q.TextEn is not null ? q.TextEn : q.Text;
}
