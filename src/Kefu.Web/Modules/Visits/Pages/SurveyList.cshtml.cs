using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits.Pages;

public sealed record SurveyRow(int Id, string Title, SurveyKind Kind, bool Published, int Invitations, int Responses, DateTime CreatedAt);

/// <summary>VIS-05: the questionnaires the caller may send.</summary>
[Authorize(Policy = VisitsModule.SurveyInvitePolicy)]
public sealed class SurveyListModel(KefuDbContext db, CurrentUser current) : PageModel
{
    public IReadOnlyList<SurveyRow> Surveys { get; private set; } = [];
    public bool CanBuild => VisitsModule.SurveyAdmins.Any(current.IsInRole);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        Surveys = await db.Set<Survey>().AsNoTracking().Where(SurveyUseCases.SendableBy(viewer)).OrderByDescending(s => s.Id).Take(500)
            .Select(s => new SurveyRow(s.Id, s.Title, s.Kind, s.Published,
                db.Set<SurveyInvitation>().Count(i => i.SurveyId == s.Id), db.Set<SurveyResponse>().Count(r => r.SurveyId == s.Id), s.CreatedAt))
            .ToListAsync(ct);
    }
}
