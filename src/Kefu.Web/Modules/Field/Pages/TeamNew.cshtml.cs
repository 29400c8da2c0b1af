using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field.Pages;

/// <summary>
/// A dispatcher plans a team project (FLD-04): customer, need, planned dates, leader and team among
/// the centre's engineers and team leaders, and the task split. A plan below team size is refused on the form.
/// </summary>
[Authorize(Policy = FieldModule.DispatchPolicy)]
public sealed class TeamNewModel(TeamUseCases teams, KefuDbContext db, CurrentUser current) : PageModel
{
    /// <summary>Blank task rows offered below the filled ones (the form works without JavaScript).</summary>
    public const int BlankRows = 3;

    public sealed class TaskRow
    {
        public string? Title { get; set; }
        public string? AssigneeId { get; set; }
        public int? PersonDays { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Title) && string.IsNullOrEmpty(AssigneeId) && PersonDays is null;
    }

    public sealed class ProjectForm
    {
        public string? Name { get; set; }
        public int? CustomerId { get; set; }
        public string? SiteAddress { get; set; }
        public string? Requirement { get; set; }
        public DateOnly? PlannedStart { get; set; }
        public DateOnly? PlannedFinish { get; set; }
        public string? LeaderId { get; set; }
        public List<string> MemberIds { get; set; } = [];
        public List<TaskRow> Tasks { get; set; } = [];
    }

    [BindProperty] public ProjectForm Input { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Customers { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> People { get; private set; } = [];

    public async Task OnGetAsync(int? customerId, CancellationToken ct)
    {
        Input.CustomerId = customerId;
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Blank rows are the form's spare lines, not tasks; the rest keep their order so errors point at the right row.
        Input.Tasks = Input.Tasks.Where(t => !t.IsBlank).ToList();
        if (ModelState.IsValid)
        {
            var input = new ProjectInput(Input.Name, Input.CustomerId, Input.SiteAddress, Input.Requirement, Input.PlannedStart, Input.PlannedFinish, Input.LeaderId,
                Input.MemberIds, Input.Tasks.Select(t => new TeamTaskInput(t.Title, t.AssigneeId, t.PersonDays)).ToArray(), null);
            switch (await teams.SaveAsync(await current.GetViewerAsync(ct), current.UserId!, null, input, ct))
            {
                case FieldResult<TeamProject>.Ok ok:
                    return Redirect($"/field/teams/{ok.Value.Id}");
                case FieldResult<TeamProject>.Invalid invalid:
                    FieldForms.CopyTo(invalid.Problems, ModelState, nameof(Input));
                    break;
                default:
                    return NotFound();
            }
        }

        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Customers = (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).OrderBy(c => c.Name).Take(300).Select(c => new { c.Id, c.Name }).ToListAsync(ct))
            .Select(c => (c.Id, c.Name)).ToList();
        People = (await teams.TeamPeople(viewer.VisiblePath ?? viewer.CentrePath).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .OrderBy(u => u.DisplayName, StringComparer.Ordinal).Select(u => (u.Id, u.DisplayName)).ToList();
        while (Input.Tasks.Count(t => t.IsBlank) < BlankRows)
        {
            Input.Tasks.Add(new TaskRow());
        }
    }
}
