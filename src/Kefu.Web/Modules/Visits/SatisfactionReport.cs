using Kefu.Core.Organization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

/// <summary>One rating or complaint that counts in VIS-04.</summary>
public sealed record SatisfactionEvent(string? TechnicianId, string OrgPath, SatisfactionRating? Rating, bool Complaint, DateTime AtUtc);

/// <summary>
/// Where VIS-04's figures come from. Callbacks (VIS-03) and survey answers (VIS-05) are sources
/// today; the incidents module adds its complaints by registering another source.
/// </summary>
public interface ISatisfactionSource
{
    Task<IReadOnlyList<SatisfactionEvent>> EventsAsync(ScopeViewer viewer, DateTime fromUtc, DateTime toUtc, CancellationToken ct);
}

internal sealed class CallbackSatisfactionSource(KefuDbContext db) : ISatisfactionSource
{
    public async Task<IReadOnlyList<SatisfactionEvent>> EventsAsync(ScopeViewer viewer, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.Set<ServiceCallback>().AsNoTracking().VisibleTo(viewer)
            .Where(c => c.Status == CallbackStatus.Done && c.CalledAt >= fromUtc && c.CalledAt < toUtc)
            .Select(c => new SatisfactionEvent(c.OwnerId, c.OrgPath, c.Rating, c.Complaint, c.CalledAt!.Value)).ToListAsync(ct);
}

internal sealed class SurveySatisfactionSource(KefuDbContext db) : ISatisfactionSource
{
    public async Task<IReadOnlyList<SatisfactionEvent>> EventsAsync(ScopeViewer viewer, DateTime fromUtc, DateTime toUtc, CancellationToken ct) =>
        await db.Set<SurveyResponse>().AsNoTracking().VisibleTo(viewer)
            .Where(r => r.Rating != null && r.AnsweredAt >= fromUtc && r.AnsweredAt < toUtc)
            .Select(r => new SatisfactionEvent(r.TechnicianId, r.OrgPath, r.Rating, false, r.AnsweredAt)).ToListAsync(ct);
}

public enum SatisfactionGrouping
{
    Technician,
    Centre,
    Branch,
}

public sealed record SatisfactionRow(string Key, string Name, int Rated, int VerySatisfied, int SatisfiedOrBetter, int Complaints, decimal VerySatisfiedShare, decimal SatisfiedOrBetterShare);

/// <summary>A month of the trend; the shares are null for a month without ratings, so a chart shows a gap rather than 0 %.</summary>
public sealed record SatisfactionTrendPoint(string Month, int Rated, decimal? VerySatisfiedShare, decimal? SatisfiedOrBetterShare, int Complaints);

public sealed record SatisfactionMonth(string Month, SatisfactionGrouping By, IReadOnlyList<SatisfactionRow> Rows, SatisfactionRow Total, IReadOnlyList<SatisfactionTrendPoint> Trend);

/// <summary>VIS-04: the month's satisfaction per technician, centre or branch, and the trend of the months before it.</summary>
public sealed class SatisfactionReport(KefuDbContext db, IEnumerable<ISatisfactionSource> sources)
{
    public const int TrendMonths = 12;

    public async Task<SatisfactionMonth> MonthAsync(ScopeViewer viewer, DateOnly month, SatisfactionGrouping by, CancellationToken ct)
    {
        month = new DateOnly(month.Year, month.Month, 1);
        var first = month.AddMonths(1 - TrendMonths);
        var events = new List<SatisfactionEvent>();
        foreach (var source in sources)
        {
            events.AddRange(await source.EventsAsync(viewer, CompanyTime.StartUtc(first), CompanyTime.StartUtc(month.AddMonths(1)), ct));
        }

        var monthStart = CompanyTime.StartUtc(month);
        var current = events.Where(e => e.AtUtc >= monthStart).ToList();
        var names = await NamesAsync(current, by, ct);
        string Group(SatisfactionEvent e) => by == SatisfactionGrouping.Technician ? e.TechnicianId ?? "" : names.Anchor(e.OrgPath);
        var figures = SatisfactionStatistics.ByGroup(
            current.Where(e => e.Rating is not null).Select(e => (Group(e), e.Rating!.Value)), current.Where(e => e.Complaint).Select(Group));
        var rows = figures.Select(f => ToRow(f, names.Name(f.Group))).OrderBy(r => r.Name, StringComparer.Ordinal).ToArray();
        var total = ToRow(Overall(current), Text.Get("Satisfaction.Total"));
        var trend = Enumerable.Range(0, TrendMonths).Select(i => first.AddMonths(i)).Select(m =>
        {
            var (from, to) = (CompanyTime.StartUtc(m), CompanyTime.StartUtc(m.AddMonths(1)));
            var f = Overall(events.Where(e => e.AtUtc >= from && e.AtUtc < to));
            return new SatisfactionTrendPoint(CompanyTime.MonthText(m), f.Rated, f.Rated == 0 ? null : f.VerySatisfiedShare, f.Rated == 0 ? null : f.SatisfiedOrBetterShare, f.Complaints);
        }).ToArray();
        return new SatisfactionMonth(CompanyTime.MonthText(month), by, rows, total, trend);
    }

    private static SatisfactionFigures Overall(IEnumerable<SatisfactionEvent> events)
    {
        var list = events.ToList();
        return SatisfactionStatistics.ByGroup(list.Where(e => e.Rating is not null).Select(e => ("*", e.Rating!.Value)), list.Where(e => e.Complaint).Select(_ => "*"))
            .SingleOrDefault() ?? new SatisfactionFigures("*", 0, 0, 0, 0);
    }

    private static SatisfactionRow ToRow(SatisfactionFigures f, string name) =>
        new(f.Group, name, f.Rated, f.VerySatisfied, f.SatisfiedOrBetter, f.Complaints, f.VerySatisfiedShare, f.SatisfiedOrBetterShare);

    private sealed class GroupNames(Dictionary<string, string> names, Func<string, string> anchor)
    {
        public string Name(string key) => names.TryGetValue(key, out var name) ? name : key.Length == 0 ? "—" : key;

        public string Anchor(string path) => anchor(path);
    }

    private async Task<GroupNames> NamesAsync(IReadOnlyList<SatisfactionEvent> events, SatisfactionGrouping by, CancellationToken ct)
    {
        if (by == SatisfactionGrouping.Technician)
        {
            var ids = events.Select(e => e.TechnicianId).OfType<string>().Distinct().ToArray();
            var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            return new GroupNames(people, p => p);
        }

        var english = LocalizationSetup.IsEnglish;
        var units = await db.OrgUnits.AsNoTracking().Select(u => new { u.Path, u.Kind, u.Name, u.NameEn }).ToListAsync(ct);
        var kind = by == SatisfactionGrouping.Centre ? OrgUnitKind.Centre : OrgUnitKind.Branch;
        var anchors = units.Where(u => u.Kind == kind).ToArray();
        var labels = units.ToDictionary(u => u.Path, u => english && u.NameEn is not null ? u.NameEn : u.Name, StringComparer.Ordinal);

        // The nearest unit of the wanted kind at or above the record's unit; above them all, the record's own unit.
        string Anchor(string path) => anchors.Where(a => OrgPath.IsWithin(path, a.Path)).OrderByDescending(a => a.Path.Length).Select(a => a.Path).FirstOrDefault() ?? path;
        return new GroupNames(labels, Anchor);
    }
}
