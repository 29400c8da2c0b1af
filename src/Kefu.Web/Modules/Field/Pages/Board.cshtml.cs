using Kefu.Core.Field;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>FLD-06: the dispatch board — open jobs with their clocks, technicians with state, load and position, one-click assignment; live through the dispatch hub.</summary>
[Authorize(Policy = FieldModule.DispatchPolicy)]
public sealed class BoardModel(DispatchBoard board, JobUseCases jobs, CurrentUser current) : PageModel
{
    public BoardDto Board { get; private set; } = new([], [], 0, 0, 0);
    public IReadOnlyDictionary<int, IReadOnlyList<Suggestion>> Suggestions { get; private set; } = new Dictionary<int, IReadOnlyList<Suggestion>>();

    [BindProperty] public int JobId { get; set; }
    [BindProperty] public string? TechnicianId { get; set; }
    [BindProperty] public int? Version { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>The lists alone, for the live refresh.</summary>
    public async Task<IActionResult> OnGetListsAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Partial("_BoardLists", this);
    }

    /// <summary>One click: the job goes to the technician; a job someone else assigned meanwhile is refused with a message.</summary>
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        var result = await jobs.AssignAsync(await current.GetViewerAsync(ct), current.UserId!, JobId, new AssignInput(TechnicianId, null), Version, ct);
        if (result is JobResult.Invalid invalid)
        {
            invalid.Problems.CopyToSummary(ModelState);
        }
        else if (result is JobResult.Conflict)
        {
            ModelState.AddModelError(string.Empty, Platform.Localization.Text.Get("Job.ChangedMeanwhile"));
        }
        else if (result is JobResult.NotFound)
        {
            return NotFound();
        }

        await LoadAsync(ct);
        return Request.Headers.ContainsKey("HX-Request") ? Partial("_BoardLists", this) : ModelState.IsValid ? RedirectToPage() : Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Board = await board.LoadAsync(await current.GetViewerAsync(ct), ct);
        Suggestions = await board.SuggestAllAsync(Board, 3, ct);
    }
}
