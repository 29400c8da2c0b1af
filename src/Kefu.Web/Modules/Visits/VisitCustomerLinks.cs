using Kefu.Core.Organization;
using System.Globalization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Localization;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

/// <summary>A customer merge (CUS-03) moves visits, cases, callbacks and survey links to the surviving customer.</summary>
internal sealed class VisitCustomerReferences(KefuDbContext db) : ICustomerReferences
{
    public async Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken ct)
    {
        await db.Set<Visit>().Where(v => v.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, toCustomerId), ct);
        await db.Set<FollowUpCase>().Where(v => v.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, toCustomerId), ct);
        await db.Set<ServiceCallback>().Where(v => v.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, toCustomerId), ct);
        await db.Set<SurveyInvitation>().Where(v => v.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, (int?)toCustomerId), ct);
        await db.Set<SurveyResponse>().Where(v => v.CustomerId == fromCustomerId).ExecuteUpdateAsync(s => s.SetProperty(v => v.CustomerId, (int?)toCustomerId), ct);

        // Two open planned visits would double the plan: the survivor keeps its earliest.
        var due = await db.Set<Visit>().Where(v => v.CustomerId == toCustomerId && v.Status == VisitStatus.Due).OrderBy(v => v.DueOn).ThenBy(v => v.Id).ToListAsync(ct);
        if (due.Count > 1)
        {
            db.RemoveRange(due.Skip(1));
            await db.SaveChangesAsync(ct);
        }
    }
}

/// <summary>CUS-05: a contact recorded from the customer's page is a visit made: the channel, whom, what was discussed (questions) and the outcome (feedback).</summary>
internal sealed class VisitContactLog(KefuDbContext db) : ICustomerContactLog
{
    public void Add(int customerId, string orgPath, string userId, CustomerContactInput contact, DateTime atUtc) =>
        db.Add(new Visit
        {
            CustomerId = customerId, OrgPath = orgPath, OwnerId = userId, Status = VisitStatus.Done, DoneAt = atUtc, CreatedAt = atUtc,
            Channel = contact.Channel switch
            {
                ContactChannel.Phone => VisitChannel.Phone,
                ContactChannel.Email => VisitChannel.Email,
                ContactChannel.Sms => VisitChannel.Sms,
                ContactChannel.OnSite => VisitChannel.OnSite,
                _ => throw new ArgumentOutOfRangeException(nameof(contact), contact.Channel, "Unknown channel."),
            },
            ContactName = contact.ContactName, Questions = contact.Summary, Feedback = contact.Outcome,
        });
}

/// <summary>CUS-06: the visits section of the analysis sheet.</summary>
internal sealed class VisitsAnalysis(KefuDbContext db) : ICustomerAnalysisSection
{
    public AnalysisTopic Topic => AnalysisTopic.Visits;

    public async Task<AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var visits = db.Set<Visit>().AsNoTracking().Where(v => v.CustomerId == customerId);
        var done = await visits.CountAsync(v => v.Status == VisitStatus.Done, ct);
        var next = await visits.Where(v => v.Status == VisitStatus.Due).MinAsync(v => v.DueOn, ct);
        var recent = await visits.Where(v => v.Status == VisitStatus.Done).OrderByDescending(v => v.DoneAt).Take(5).ToListAsync(ct);
        return new AnalysisSection(Topic, "Analysis.Visits",
            [new("Analysis.VisitsDone", done.ToString(CultureInfo.InvariantCulture)), new("Analysis.NextVisit", next?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—")],
            recent.Select(v => new AnalysisItem(v.DoneAt!.Value,
                $"{Text.Get("VisitChannel." + v.Channel)} · {(v.Rating is { } r ? Text.Get("Rating." + r) : "—")} {v.Feedback}".Trim(), null)).ToArray(),
            $"/visits?customerId={customerId}");
    }
}

/// <summary>CUS-06: follow-up cases opened for the customer.</summary>
internal sealed class CasesAnalysis(KefuDbContext db) : ICustomerAnalysisSection
{
    public AnalysisTopic Topic => AnalysisTopic.Cases;

    public async Task<AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var cases = db.Set<FollowUpCase>().AsNoTracking().Where(c => c.CustomerId == customerId);
        var open = await cases.CountAsync(c => c.Status == CaseStatus.Open, ct);
        var all = await cases.CountAsync(ct);
        var recent = await cases.OrderByDescending(c => c.Id).Take(5).ToListAsync(ct);
        return new AnalysisSection(Topic, "Analysis.Cases",
            [new("Analysis.CasesOpen", open.ToString(CultureInfo.InvariantCulture)), new("Analysis.CasesAll", all.ToString(CultureInfo.InvariantCulture))],
            recent.Select(c => new AnalysisItem(c.CreatedAt, $"{c.Title} · {Text.Get("CaseStatus." + c.Status)}", null)).ToArray());
    }
}

/// <summary>CUS-06: satisfaction from callbacks (VIS-03), visits (VIS-02) and survey answers (VIS-05).</summary>
internal sealed class SatisfactionAnalysis(KefuDbContext db) : ICustomerAnalysisSection
{
    public AnalysisTopic Topic => AnalysisTopic.Satisfaction;

    public async Task<AnalysisSection> BuildAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        var ratings = new List<(DateTime At, SatisfactionRating Rating, string Source)>();
        ratings.AddRange((await db.Set<ServiceCallback>().AsNoTracking().Where(c => c.CustomerId == customerId && c.Rating != null)
            .Select(c => new { c.CalledAt, c.Rating, c.JobReference }).ToListAsync(ct)).Select(c => (c.CalledAt!.Value, c.Rating!.Value, Text.Get("Analysis.FromCallback", c.JobReference))));
        ratings.AddRange((await db.Set<Visit>().AsNoTracking().Where(v => v.CustomerId == customerId && v.Rating != null)
            .Select(v => new { v.DoneAt, v.Rating }).ToListAsync(ct)).Select(v => (v.DoneAt!.Value, v.Rating!.Value, Text.Get("Analysis.FromVisit"))));
        ratings.AddRange((await db.Set<SurveyResponse>().AsNoTracking().Where(r => r.CustomerId == customerId && r.Rating != null)
            .Select(r => new { r.AnsweredAt, r.Rating }).ToListAsync(ct)).Select(r => (r.AnsweredAt, r.Rating!.Value, Text.Get("Analysis.FromSurvey"))));
        var figures = SatisfactionStatistics.ByGroup(ratings.Select(r => ("*", r.Rating)), []).SingleOrDefault() ?? new SatisfactionFigures("*", 0, 0, 0, 0);
        var complaints = await db.Set<ServiceCallback>().AsNoTracking().CountAsync(c => c.CustomerId == customerId && c.Complaint, ct);
        return new AnalysisSection(Topic, "Analysis.Satisfaction",
            [
                new("Analysis.Rated", figures.Rated.ToString(CultureInfo.InvariantCulture)),
                new("Satisfaction.VeryShare", figures.VerySatisfiedShare.ToString("0.0", CultureInfo.InvariantCulture) + " %"),
                new("Satisfaction.SatisfiedShare", figures.SatisfiedOrBetterShare.ToString("0.0", CultureInfo.InvariantCulture) + " %"),
                new("Satisfaction.Complaints", complaints.ToString(CultureInfo.InvariantCulture)),
            ],
            ratings.OrderByDescending(r => r.At).Take(5).Select(r => new AnalysisItem(r.At, $"{Text.Get("Rating." + r.Rating)} · {r.Source}", null)).ToArray());
    }
}
