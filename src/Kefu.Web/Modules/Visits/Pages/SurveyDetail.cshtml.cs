using System.Text.Json;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits.Pages;

public sealed record InvitationRow(int Id, string Respondent, string? Technician, DateTime ExpiresAt, DateTime? AnsweredAt, string Link);

/// <summary>One question's answers: counts per option (choice and rating) or the texts given.</summary>
public sealed record QuestionSummary(SurveyQuestion Question, IReadOnlyList<(string Option, int Count)> Counts, IReadOnlyList<string> Texts);

/// <summary>VIS-05: a questionnaire, its links and the answers so far.</summary>
[Authorize(Policy = VisitsModule.SurveyInvitePolicy)]
public sealed class SurveyDetailModel(KefuDbContext db, CurrentUser current, SurveyUseCases surveys, VisitUseCases visits) : PageModel
{
    public sealed class InviteForm
    {
        public string? RespondentName { get; set; }
        public string? RespondentEmail { get; set; }
        public string? TechnicianId { get; set; }
        public int ValidDays { get; set; } = SurveyUseCases.DefaultValidDays;
    }

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public InviteForm Invite { get; set; } = new();
    [TempData] public string? NewLink { get; set; }

    public Survey Survey { get; private set; } = null!;
    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];
    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];
    public IReadOnlyList<QuestionSummary> Summaries { get; private set; } = [];
    public IReadOnlyList<(string Id, string Name)> Technicians { get; private set; } = [];
    public bool CanBuild => VisitsModule.SurveyAdmins.Any(current.IsInRole);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        if (!CanBuild)
        {
            return Forbid();
        }

        return await surveys.PublishAsync(await current.GetViewerAsync(ct), Id, ct) is null ? NotFound() : Redirect($"/surveys/{Id}");
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        var (invitation, link, problems) = await surveys.InviteAsync(await current.GetViewerAsync(ct), current.UserId!, Id,
            new InvitationInput(Invite.RespondentName, Invite.RespondentEmail, null, Invite.TechnicianId, Invite.ValidDays), $"{Request.Scheme}://{Request.Host}", ct);
        if (invitation is null)
        {
            problems.CopyTo(ModelState, "Invite");
            return await LoadAsync(ct) ? Page() : NotFound();
        }

        NewLink = link;
        return Redirect($"/surveys/{Id}");
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var survey = await db.Set<Survey>().AsNoTracking().Where(SurveyUseCases.SendableBy(viewer)).SingleOrDefaultAsync(s => s.Id == Id, ct);
        if (survey is null)
        {
            return false;
        }

        Survey = survey;
        Questions = SurveyUseCases.Questions(survey);
        var baseUrl = $"{Request.Scheme}://{Request.Host}";
        var invitations = await (from i in db.Set<SurveyInvitation>().AsNoTracking().Where(i => i.SurveyId == Id).VisibleTo(viewer)
                                 join u in db.Users on i.TechnicianId equals u.Id into techs
                                 from u in techs.DefaultIfEmpty()
                                 orderby i.Id descending
                                 select new { Invitation = i, Technician = u == null ? null : u.DisplayName }).Take(200).ToListAsync(ct);
        Invitations = invitations.Select(x => new InvitationRow(x.Invitation.Id, x.Invitation.RespondentName, x.Technician, x.Invitation.ExpiresAt, x.Invitation.AnsweredAt,
            surveys.LinkFor(x.Invitation, baseUrl))).ToArray();
        var answers = (await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.SurveyId == Id).Select(r => r.AnswersJson).ToListAsync(ct))
            .Select(json => JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []).ToList();
        Summaries = Questions.Select(q =>
        {
            var given = answers.Where(a => a.ContainsKey(q.Key)).Select(a => a[q.Key]).ToList();
            var values = given.SelectMany(v => v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(e => e.GetString() ?? "") : [v.GetString() ?? ""]).ToList();
            if (q.Type == QuestionType.Text)
            {
                return new QuestionSummary(q, [], values.Take(50).ToArray());
            }

            var options = q.Type == QuestionType.Rating ? Enum.GetNames<Kefu.Core.Visits.SatisfactionRating>() : (q.Options ?? []).ToArray();
            return new QuestionSummary(q, options.Select(o => (o, values.Count(v => v == o))).ToArray(), []);
        }).ToArray();
        Technicians = (await visits.TeamTechnicians(viewer)
                .OrderBy(u => u.EmployeeNumber).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToArray();
        return true;
    }
}
