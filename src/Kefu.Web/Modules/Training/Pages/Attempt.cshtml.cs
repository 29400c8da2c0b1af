using System.Globalization;
using Kefu.Core.Training;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Training.Pages;

/// <summary>
/// TRN-02: one attempt. While it runs, the trainee answers on one phone-first column (a form that
/// works without JavaScript); afterwards it shows the result, and a trainer grades short answers here.
/// </summary>
public sealed class AttemptModel(AttemptUseCases attempts, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public AttemptDto Attempt { get; private set; } = null!;
    public bool Mine => Attempt.OwnerId == current.UserId;
    public bool CanGradeThis => !Mine && Attempt.Status == AttemptStatus.AwaitingGrading && TrainingModule.CanGrade(current);
    public bool Passed => Attempt.Status == AttemptStatus.Passed;

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var attempt = await attempts.FindAsync(await current.GetViewerAsync(ct), Id, ct);
        if (attempt is null)
        {
            return false;
        }

        Attempt = await attempts.ToDtoAsync(attempt, ct);
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || !Mine)
        {
            return NotFound();
        }

        var answers = Attempt.Questions.Select(q => new AnswerInput(q.QuestionId,
            q.Kind == QuestionKind.ShortAnswer ? null : Request.Form[$"q{q.QuestionId}"].Select(v => int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) ? k : -1).ToArray(),
            q.Kind == QuestionKind.ShortAnswer ? Request.Form[$"q{q.QuestionId}"].ToString() : null)).ToArray();
        return await AfterAsync(await attempts.SubmitAsync(current.UserId!, Id, new SubmitInput(answers), ct), ct);
    }

    public async Task<IActionResult> OnPostGradeAsync(CancellationToken ct)
    {
        if (!TrainingModule.CanGrade(current))
        {
            return Forbid();
        }

        if (!await LoadAsync(ct))
        {
            return NotFound();
        }

        var lines = Attempt.Questions.Where(q => q.Kind == QuestionKind.ShortAnswer && q.Points is null).Select(q => new GradeLine(q.QuestionId,
            int.TryParse(Request.Form[$"p{q.QuestionId}"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var p) ? p : null, Request.Form[$"c{q.QuestionId}"].ToString())).ToArray();
        return await AfterAsync(await attempts.GradeAsync(await current.GetViewerAsync(ct), current.UserId!, Id, new GradeInput(lines), ct), ct);
    }

    private async Task<IActionResult> AfterAsync(AttemptResult result, CancellationToken ct)
    {
        switch (result)
        {
            case AttemptResult.Ok:
                return RedirectToPage(new { Id });
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
