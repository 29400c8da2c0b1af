using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Organization.Pages;

/// <summary>A staff record (ORG-04): read by leaders in scope, edited by staff managers.</summary>
[Authorize(Policy = Policies.ReadStaff)]
public sealed class StaffEditModel(StaffQueries queries, SaveStaff save, CurrentUser current, KefuDbContext db, IStringLocalizer<SharedResource> l) : PageModel
{
    public sealed class StaffForm
    {
        public string? UserName { get; set; }
        public string? Password { get; set; }
        public string? DisplayName { get; set; }
        public string? EmployeeNumber { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }
        public int? OrgUnitId { get; set; }
        public List<string> Roles { get; set; } = [];
        public string? Skills { get; set; }
        public string? Grade { get; set; }
        public DateOnly? HireDate { get; set; }
        public StaffStatus Status { get; set; } = StaffStatus.Active;
        public bool OnDuty { get; set; }

        /// <summary>TRN-04: created as a new employee, not on duty until the onboarding exam is passed (ticked by default for new staff).</summary>
        public bool NewEmployee { get; set; } = true;
        public string? ConcurrencyStamp { get; set; }
    }

    [BindProperty(SupportsGet = true)] public string? Id { get; set; }
    [BindProperty] public StaffForm Input { get; set; } = new();
    [TempData] public bool Saved { get; set; }

    public bool IsNew => string.IsNullOrEmpty(Id);
    public bool CanManage { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (IsNew)
        {
            return CanManage ? Page() : Forbid();
        }

        var row = await queries.GetAsync(await current.GetViewerAsync(ct), Id!, LocalizationSetup.IsEnglish, ct);
        if (row is null)
        {
            return NotFound();
        }

        Input = new StaffForm
        {
            UserName = row.UserName, DisplayName = row.DisplayName, EmployeeNumber = row.EmployeeNumber, Email = row.Email,
            Phone = row.Phone, OrgUnitId = row.OrgUnitId, Roles = row.Roles.Select(r => r.ToString()).ToList(), Skills = row.Skills,
            Grade = row.Grade, HireDate = row.HireDate, Status = row.Status, OnDuty = row.OnDuty, ConcurrencyStamp = row.ConcurrencyStamp,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!CanManage)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var viewer = await current.GetViewerAsync(ct);
        var input = new StaffInput(Input.UserName, Input.DisplayName, Input.EmployeeNumber, Input.Email, Input.Phone, Input.OrgUnitId,
            Input.Roles, Input.Skills, Input.Grade, Input.HireDate, Input.Status, Input.OnDuty, Input.Password, Input.ConcurrencyStamp,
            IsNew ? Input.NewEmployee : null);
        var result = IsNew ? await save.CreateAsync(viewer, input, ct) : await save.UpdateAsync(viewer, Id!, input, ct);
        switch (result)
        {
            case SaveResult.Saved saved:
                Saved = true;
                return RedirectToPage(new { id = saved.Id });
            case SaveResult.Invalid invalid:
                invalid.Problems.CopyTo(ModelState);
                return Page();
            case SaveResult.Conflict:
                ModelState.AddModelError(string.Empty, l["Common.Conflict"]);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        CanManage = Policies.StaffManagers.Any(current.IsInRole);
        var viewer = await current.GetViewerAsync(ct);
        Units = await OrgTree.UnitOptionsAsync(db, viewer, LocalizationSetup.IsEnglish, activeOnly: true, ct);
    }
}
