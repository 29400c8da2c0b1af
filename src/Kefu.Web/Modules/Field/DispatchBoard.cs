using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record BoardJobDto(
    int Id, string Number, JobKind Type, ServiceMode Mode, JobPriority Priority, JobState State, string CustomerName, string? SiteAddress, string? Skill,
    string Problem, string? TechnicianId, string? TechnicianName, DateTime ReceivedAt, DateTime? DueAt, string? DueRule, bool Breached, int Version,
    double? SiteLatitude, double? SiteLongitude);

public sealed record BoardTechnicianDto(
    string Id, string Name, TechnicianState State, IReadOnlyList<string> Skills, double? Latitude, double? Longitude, DateTime? PositionAt, int OpenJobs, int FinishedToday);

public sealed record BoardDto(IReadOnlyList<BoardJobDto> Jobs, IReadOnlyList<BoardTechnicianDto> Technicians, int OpenJobs, int Unassigned, int Breached);

public sealed record SuggestionDto(string TechnicianId, string Name, TechnicianState State, double Score, bool SkillMatch, double? DistanceKm, bool PositionKnown, int OpenJobs);

/// <summary>FLD-06: the dispatch board — open jobs with their nearest clock, technicians with state, load and position — and the suggestion.</summary>
public sealed class DispatchBoard(KefuDbContext db, PolicyStore policies, TimeProvider clock)
{
    private static readonly JobState[] Open = [JobState.New, JobState.Assigned, JobState.SetOut, JobState.Arrived];

    /// <summary>How much of a job's problem the board shows.</summary>
    private const int ProblemShown = 80;

    /// <summary>The open jobs the board page lists (the API answers all of them); suggestions are made for these only.</summary>
    public const int JobsListed = 300;

    public async Task<BoardDto> LoadAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var jobs = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).Where(j => Open.Contains(j.State))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.ReceivedAt).ThenBy(j => j.Id)
            // The board shows the problem's first 80 characters: one more is read, enough to know it was cut.
            .Select(j => new { j.Id, j.Number, j.Type, j.Mode, j.Priority, j.State, j.CustomerName, j.SiteAddress, j.Skill, Problem = j.Problem.Substring(0, ProblemShown + 1), j.OwnerId, j.ReceivedAt, j.Version, j.OrgPath, j.SiteLatitude, j.SiteLongitude })
            .ToListAsync(ct);
        var technicians = await TechniciansAsync(viewer, ct);
        var names = technicians.ToDictionary(t => t.Id, t => t.Name);
        var visible = viewer.VisiblePath ?? viewer.CentrePath;
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == JobUseCases.RecordType && t.Status == TimerStatus.Running && t.OrgPath.StartsWith(visible))
            .Select(t => new { t.RecordId, t.DueAt, t.Rule, t.BreachedAt }).ToListAsync(ct);

        // Each job's nearest running clock, in one pass ("42/SetOut" is job 42's set-out clock).
        var nearest = new Dictionary<int, (DateTime DueAt, string Rule, DateTime? BreachedAt)>(timers.Count);
        foreach (var t in timers)
        {
            var slash = t.RecordId.IndexOf('/', StringComparison.Ordinal);
            var id = int.TryParse(slash < 0 ? t.RecordId : t.RecordId.AsSpan(0, slash), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
            if (!nearest.TryGetValue(id, out var known) || t.DueAt < known.DueAt)
            {
                nearest[id] = (t.DueAt, t.Rule, t.BreachedAt);
            }
        }

        var rows = jobs.Select(j =>
        {
            (DateTime DueAt, string Rule, DateTime? BreachedAt)? timer = nearest.TryGetValue(j.Id, out var found) ? found : null;
            var problem = j.Problem.Length > ProblemShown ? j.Problem[..ProblemShown] + "…" : j.Problem;
            return new BoardJobDto(j.Id, j.Number, j.Type, j.Mode, j.Priority, j.State, j.CustomerName, j.SiteAddress, j.Skill, problem, j.OwnerId,
                j.OwnerId is { } o ? names.GetValueOrDefault(o) : null, j.ReceivedAt, timer?.DueAt, timer?.Rule, timer?.BreachedAt is not null, j.Version, j.SiteLatitude, j.SiteLongitude);
        }).ToList();
        return new BoardDto(rows, technicians, rows.Count, rows.Count(r => r.State == JobState.New), rows.Count(r => r.Breached));
    }

    /// <summary>Field engineers in the viewer's part of the tree, with their state, open jobs and jobs finished today.</summary>
    public async Task<IReadOnlyList<BoardTechnicianDto>> TechniciansAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var visible = viewer.VisiblePath ?? viewer.CentrePath;
        var people = await db.Users.AsNoTracking().ActiveHolding(db, Role.FieldEngineer).Where(u => u.OrgPath.StartsWith(visible))
            .Select(u => new { u.Id, u.DisplayName, u.Skills }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToArray();
        var presence = await db.Set<TechnicianPresence>().AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, ct);
        var load = await db.Set<ServiceJob>().AsNoTracking().Where(j => j.OwnerId != null && ids.Contains(j.OwnerId) && Open.Contains(j.State))
            .GroupBy(j => new { j.OwnerId, j.State }).Select(g => new { g.Key.OwnerId, g.Key.State, Count = g.Count() }).ToListAsync(ct);
        // Today's finished jobs by the finish-time index alone (a handful company-wide), counted here: filtered by the
        // technicians in SQL, SQLite walks every job of every technician instead.
        var since = CompanyTime.StartUtc(CompanyTime.Today(clock));
        var technicianIds = ids.ToHashSet(StringComparer.Ordinal);
        var finished = (await db.Set<ServiceJob>().AsNoTracking().Where(j => j.FinishedAt >= since).Select(j => j.OwnerId).ToListAsync(ct))
            .Where(o => o is not null && technicianIds.Contains(o)).GroupBy(o => o!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var loads = load.ToLookup(l => l.OwnerId, StringComparer.Ordinal);
        return people.Select(p =>
        {
            var mine = loads[p.Id].ToList();
            var state = presence.GetValueOrDefault(p.Id)?.OffDuty == true ? TechnicianState.OffDuty
                : mine.Any(l => l.State == JobState.Arrived) ? TechnicianState.OnSite
                : mine.Any(l => l.State == JobState.SetOut) ? TechnicianState.OnTheWay
                : TechnicianState.Free;
            var where = presence.GetValueOrDefault(p.Id);
            return new BoardTechnicianDto(p.Id, p.DisplayName, state, DispatchRanking.ParseSkills(p.Skills), where?.Latitude, where?.Longitude, where?.PositionAt,
                mine.Sum(l => l.Count), finished.GetValueOrDefault(p.Id));
        }).OrderBy(t => t.State).ThenBy(t => t.OpenJobs).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>FLD-06: the board's own suggestion for each unassigned job, from the technicians it already loaded.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<Suggestion>>> SuggestAllAsync(BoardDto board, int take, CancellationToken ct)
    {
        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        var candidates = board.Technicians.Select(t => new TechnicianCandidate(t.Id, t.Name, t.State, t.Skills,
            t.Latitude is { } la && t.Longitude is { } lo ? new GeoPoint(la, lo) : null, t.PositionAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, t.OpenJobs)).ToList();
        var now = clock.GetUtcNow();
        return board.Jobs.Take(JobsListed).Where(j => j.State == JobState.New).Take(100).ToDictionary(j => j.Id, j => DispatchRanking.Rank(j.Skill,
            j.SiteLatitude is { } lat && j.SiteLongitude is { } lon ? new GeoPoint(lat, lon) : null, candidates, now, policy, take));
    }

    /// <summary>FLD-06: the technicians of the job's centre ranked for it, with the reasons.</summary>
    public async Task<IReadOnlyList<SuggestionDto>?> SuggestAsync(ScopeViewer viewer, int jobId, int take, CancellationToken ct)
    {
        var job = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(j => j.Id == jobId, ct);
        if (job is null)
        {
            return null;
        }

        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        var centreViewer = viewer with { Scope = DataScope.Centre, CentrePath = job.OrgPath };
        var technicians = (await TechniciansAsync(centreViewer, ct)).Where(t => t.Id != job.OwnerId);
        GeoPoint? site = job.SiteLatitude is { } lat && job.SiteLongitude is { } lon ? new GeoPoint(lat, lon) : null;
        var candidates = technicians.Select(t => new TechnicianCandidate(t.Id, t.Name, t.State, t.Skills,
            t.Latitude is { } la && t.Longitude is { } lo ? new GeoPoint(la, lo) : null, t.PositionAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null, t.OpenJobs));
        return DispatchRanking.Rank(job.Skill, site, candidates, clock.GetUtcNow(), policy, take)
            .Select(s => new SuggestionDto(s.Technician.Id, s.Technician.Name, s.Technician.State, s.Score, s.SkillMatch, s.DistanceKm, s.PositionKnown, s.OpenJobs)).ToList();
    }
}
