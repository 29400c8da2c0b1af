using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits.Pages;

public sealed record SurveyRow(int Id, string Title, SurveyKind Kind, bool Published, int Invitations, int Responses, DateTime CreatedAt);

/// <summary>VIS-05: the questionnaires the caller may send.</summary>
[Authorize(Policy = VisitsModule.SurveyInvitePolicy)]
[RememberFilters]
public sealed class SurveyListModel(KefuDbContext db, CurrentUser current) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public SurveyKind? Kind { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int? PageNumber { get; set; }

    public Paged<SurveyRow> Result { get; private set; } = new([], 1, Paging.DefaultPageSize, 0);
    public bool CanBuild => VisitsModule.SurveyAdmins.Any(current.IsInRole);

    /// <summary>The columns the survey list sorts on; the newest first when none is asked for.</summary>
    public SortMap<Survey> Sorts() => new SortMap<Survey>(q => q.OrderByDescending(s => s.Id), q => q.ThenByDescending(s => s.Id))
        .Add("title", s => s.Title).Add("kind", s => s.Kind).Add("published", s => s.Published).Add("created", s => s.CreatedAt)
        .Add("invitations", s => db.Set<SurveyInvitation>().Count(i => i.SurveyId == s.Id))
        .Add("responses", s => db.Set<SurveyResponse>().Count(r => r.SurveyId == s.Id));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var query = db.Set<Survey>().AsNoTracking().Where(SurveyUseCases.SendableBy(viewer));
        query = Kind is { } kind ? query.Where(s => s.Kind == kind) : query;
        query = string.IsNullOrWhiteSpace(Q) ? query : query.Where(s => s.Title.Contains(Q.Trim()));
        var (page, size) = Paging.Clamp(PageNumber, null);
        var total = await query.CountAsync(ct);
        var rows = await Sorts().Apply(query, ListSort.From(Request)).Skip((page - 1) * size).Take(size)
            .Select(s => new SurveyRow(s.Id, s.Title, s.Kind, s.Published,
                db.Set<SurveyInvitation>().Count(i => i.SurveyId == s.Id), db.Set<SurveyResponse>().Count(r => r.SurveyId == s.Id), s.CreatedAt))
            .ToListAsync(ct);
        Result = new Paged<SurveyRow>(rows, page, size, total);
    }
}
