using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Incidents.Pages;

/// <summary>EXC-01: the incident report (运作异常汇报表, form KF-01 of seed 001 §3 5.1) on A4, as the paper form, for anyone who may see the incident.</summary>
[Authorize(Policy = IncidentsModule.ReadPolicy)]
public sealed class IncidentPrintModel(KefuDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    public Incident Incident { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public string Agent { get; private set; } = "";
    public string? Subject { get; private set; }
    public string? CallbackBy { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var incident = await db.Set<Incident>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(i => i.Id == Id, ct);
        if (incident is null)
        {
            return NotFound();
        }

        Incident = incident;
        var people = new[] { incident.OwnerId, incident.SubjectUserId, incident.CallbackByUserId }.OfType<string>().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        Agent = names.GetValueOrDefault(incident.OwnerId, "");
        Subject = incident.SubjectUserId is { } s ? names.GetValueOrDefault(s) : incident.SubjectName;
        CallbackBy = incident.CallbackByUserId is { } c ? names.GetValueOrDefault(c) : null;
        CompanyName = await db.OrgUnits.AsNoTracking().Where(u => u.ParentId == null).Select(u => u.Name).FirstOrDefaultAsync(ct) ?? "";
        return Page();
    }
}
