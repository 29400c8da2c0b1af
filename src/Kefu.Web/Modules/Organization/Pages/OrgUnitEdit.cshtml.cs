using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Kefu.Web.Modules.Organization.Pages;

[Authorize(Policy = Policies.Administer)]
public sealed class OrgUnitEditModel(KefuDbContext db, SaveOrgUnit save, IStringLocalizer<SharedResource> l) : PageModel, IOrgUnitForm
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public OrgUnitForm Input { get; set; } = new();
    public IReadOnlyList<(string Id, string Name)> Calendars { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var unit = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == Id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        Input = new OrgUnitForm
        {
            ParentId = unit.ParentId, Kind = unit.Kind, Function = unit.Function, Code = unit.Code, Name = unit.Name,
            NameEn = unit.NameEn, TimeZone = unit.TimeZone, IsActive = unit.IsActive, Version = unit.Version, CalendarId = unit.CalendarId,
        };
        Calendars = await OrgUnitForm.CalendarsAsync(db, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Calendars = await OrgUnitForm.CalendarsAsync(db, ct);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        switch (await save.UpdateAsync(Id, Input.ToInput(), ct))
        {
            case SaveResult.Saved:
                return Redirect("/org/units");
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
}
