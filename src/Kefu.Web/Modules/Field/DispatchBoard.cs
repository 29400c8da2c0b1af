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

    public async Task<BoardDto> LoadAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var jobs = await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).Where(j => Open.Contains(j.State))
            .OrderByDescending(j => j.Priority).ThenBy(j => j.ReceivedAt).ThenBy(j => j.Id)
            .Select(j => new { j.Id, j.Number, j.Type, j.Mode, j.Priority, j.State, j.CustomerName, j.SiteAddress, j.Skill, j.Problem, j.OwnerId, j.ReceivedAt, j.Version, j.OrgPath, j.SiteLatitude, j.SiteLongitude })
            .ToListAsync(ct);
        var technicians = await TechniciansAsync(viewer, ct);
        var names = technicians.ToDictionary(t => t.Id, t => t.Name);
        var visible = viewer.VisiblePath ?? viewer.CentrePath;
        var timers = await db.Set<SlaTimer>().AsNoTracking()
            .Where(t => t.RecordType == JobUseCases.RecordType && t.Status == TimerStatus.Running && t.OrgPath.StartsWith(visible))
            .Select(t => new { t.RecordId, t.DueAt, t.Rule, t.BreachedAt }).ToListAsync(ct);
        var nearest = timers.GroupBy(t => int.TryParse(t.RecordId.Split('/')[0], out var id) ? id : 0)
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.DueAt).First());
        var rows = jobs.Select(j =>
        {
            var timer = nearest.GetValueOrDefault(j.Id);
            var problem = j.Problem.Length > 80 ? j.Problem[..80] + "…" : j.Problem;
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
        var since = CompanyTime.StartUtc(CompanyTime.Today(clock));
        var finished = await db.Set<ServiceJob>().AsNoTracking().Where(j => j.OwnerId != null && ids.Contains(j.OwnerId) && j.FinishedAt >= since)
            .GroupBy(j => j.OwnerId).Select(g => new { OwnerId = g.Key!, Count = g.Count() }).ToDictionaryAsync(g => g.OwnerId, g => g.Count, ct);
        return people.Select(p =>
        {
            var mine = load.Where(l => l.OwnerId == p.Id).ToList();
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
        return board.Jobs.Where(j => j.State == JobState.New).Take(100).ToDictionary(j => j.Id, j => DispatchRanking.Rank(j.Skill,
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
