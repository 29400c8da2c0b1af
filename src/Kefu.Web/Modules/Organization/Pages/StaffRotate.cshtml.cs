using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Organization.Pages;

/// <summary>ORG-05 job rotation: new centre and roles, and the successor who takes over.</summary>
[Authorize(Policy = Policies.ManageStaff)]
public sealed class StaffRotateModel(RotateStaff rotate, StaffQueries queries, CurrentUser current, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class RotationForm
    {
        public int? NewOrgUnitId { get; set; }
        public List<string> NewRoles { get; set; } = [];
        public string? SuccessorId { get; set; }
        public string? ConcurrencyStamp { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty] public RotationForm Input { get; set; } = new();
    [TempData] public bool Done { get; set; }

    public string PersonName { get; private set; } = "";
    public IReadOnlyDictionary<string, int> Owned { get; private set; } = new Dictionary<string, int>();
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Successors { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var row = await LoadAsync(ct);
        if (row is null)
        {
            return NotFound();
        }

        Input = new RotationForm { NewOrgUnitId = row.OrgUnitId, NewRoles = row.Roles.Select(r => r.ToString()).ToList(), ConcurrencyStamp = row.ConcurrencyStamp };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is null)
        {
            return NotFound();
        }

        var result = await rotate.RotateAsync(await current.GetViewerAsync(ct), Id,
            new RotationInput(Input.NewOrgUnitId, Input.NewRoles, Input.SuccessorId, Input.ConcurrencyStamp), ct);
        switch (result)
        {
            case RotationResult.Done:
                Done = true;
                return RedirectToPage(new { id = Id });
            case RotationResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                return Page();
            case RotationResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<StaffRow?> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var english = LocalizationSetup.IsEnglish;
        var row = await queries.GetAsync(viewer, Id, english, ct);
        if (row is null)
        {
            return null;
        }

        PersonName = row.DisplayName;
        Owned = await rotate.CountOwnedAsync(Id, ct);
        Units = await OrgTree.UnitOptionsAsync(db, viewer, LocalizationSetup.IsEnglish, activeOnly: true, ct);
        var successors = await db.Users.AsNoTracking().VisibleTo(viewer)
            .Where(u => u.Id != Id && u.Status == StaffStatus.Active && u.OnDuty)
            .OrderBy(u => u.OrgPath).ThenBy(u => u.EmployeeNumber)
            .Select(u => new { u.Id, u.DisplayName, u.UserName }).Take(500).ToListAsync(ct);
        Successors = successors.Select(s => (s.Id, $"{s.DisplayName} ({s.UserName})")).ToArray();
        return row;
    }
}
