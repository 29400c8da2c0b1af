using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Training;

public sealed record PlanInput(int? Year, int? Month, string? Title, string? Notes, int? OrgUnitId);

public sealed record SessionInput(int? CourseId, DateTimeOffset? StartsAt, int? DurationMinutes, string? Location, string? TrainerId);

public sealed record AttendanceDto(string TraineeId, string TraineeName, DateTime SignedInAt, DateTime? ConfirmedAt, string? ConfirmedByName);

public sealed record SessionDto(int Id, int PlanId, int CourseId, string CourseTitle, DateTime StartsAt, int DurationMinutes, string? Location, string TrainerId, string TrainerName,
    IReadOnlyList<AttendanceDto> Attendance);

public sealed record PlanDto(int Id, int Year, int Month, string Title, string? Notes, int OrgUnitId, string UnitName, IReadOnlyList<SessionDto> Sessions, int Version);

/// <summary>TRN-03: monthly training plans of a unit, their sessions, and attendance (the trainee signs in, the trainer confirms).</summary>
public sealed class PlanUseCases(KefuDbContext db, TimeProvider clock)
{
    /// <summary>
    /// The plans a person sees: those in their data scope (ORG-03), and those of the units they
    /// belong to (a plan of the centre is for everyone in it), so a trainee can sign in.
    /// </summary>
    public async Task<IQueryable<TrainingPlan>> VisibleAsync(ScopeViewer viewer, CancellationToken ct)
    {
        var own = await db.Users.Where(u => u.Id == viewer.UserId).Select(u => u.OrgPath).SingleAsync(ct);
        var ancestors = Ancestors(own);
        var visible = viewer.VisiblePath;
        return db.Set<TrainingPlan>().Where(p => p.OwnerId == viewer.UserId || ancestors.Contains(p.OrgPath) || (visible != null && p.OrgPath.StartsWith(visible)));
    }

    /// <summary>"/1/2/4/" → "/", "/1/", "/1/2/", "/1/2/4/".</summary>
    internal static List<string> Ancestors(string path)
    {
        var result = new List<string> { "/" };
        var at = 1;
        while ((at = path.IndexOf('/', at)) > 0)
        {
            result.Add(path[..(at + 1)]);
            at++;
        }

        return result;
    }

    public async Task<(TrainingPlan? Plan, ProblemBuilder Problems)> CreateAsync(ScopeViewer viewer, string userId, PlanInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("title", input.Title).MaxLength("title", input.Title, 200).MaxLength("notes", input.Notes, 2000);
        if (input.Year is not (>= 2000 and <= 2100))
        {
            problems.Add("year", "Policy.OutOfRange", 2000, 2100);
        }

        if (input.Month is not (>= 1 and <= 12))
        {
            problems.Add("month", "Policy.OutOfRange", 1, 12);
        }

        var unit = input.OrgUnitId is { } unitId ? await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (unit is null || !viewer.CanSee(null, unit.Path))
        {
            problems.Add("orgUnitId", "Training.UnknownUnit");
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var plan = new TrainingPlan
        {
            Year = input.Year!.Value, Month = input.Month!.Value, Title = input.Title!.Trim(), Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim(),
            OrgUnitId = unit!.Id, OrgPath = unit.Path, OwnerId = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(plan);
        await db.SaveChangesAsync(ct);
        return (plan, problems);
    }

    public async Task<(TrainingSession? Session, ProblemBuilder Problems, bool Found)> AddSessionAsync(ScopeViewer viewer, int planId, SessionInput input, CancellationToken ct)
    {
        var plan = await db.Set<TrainingPlan>().VisibleTo(viewer).SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
        {
            return (null, new ProblemBuilder(), false);
        }

        var problems = new ProblemBuilder().Required("trainerId", input.TrainerId).MaxLength("location", input.Location, 200);
        if (input.CourseId is not { } courseId || !await db.Set<TrainingCourse>().AnyAsync(c => c.Id == courseId, ct))
        {
            problems.Add("courseId", "Training.UnknownCourse");
        }

        if (input.StartsAt is not { } starts)
        {
            problems.Add("startsAt", "Validation.FieldRequired", ProblemBuilder.Label("startsAt"));
        }
        else
        {
            var local = starts.ToOffset(TimeSpan.FromHours(8));
            if (local.Year != plan.Year || local.Month != plan.Month)
            {
                problems.Add("startsAt", "Training.SessionOutsideMonth");
            }
        }

        if (input.DurationMinutes is { } d && d is < 15 or > 24 * 60)
        {
            problems.Add("durationMinutes", "Policy.OutOfRange", 15, 24 * 60);
        }

        if (!string.IsNullOrEmpty(input.TrainerId) && !await db.Users.AnyAsync(u => u.Id == input.TrainerId && u.Status == StaffStatus.Active, ct))
        {
            problems.Add("trainerId", "Training.UnknownTrainer");
        }

        if (problems.HasErrors)
        {
            return (null, problems, true);
        }

        var session = new TrainingSession
        {
            PlanId = plan.Id, CourseId = input.CourseId!.Value, StartsAt = input.StartsAt!.Value.UtcDateTime, DurationMinutes = input.DurationMinutes ?? 60,
            Location = string.IsNullOrWhiteSpace(input.Location) ? null : input.Location.Trim(), TrainerId = input.TrainerId!, OrgPath = plan.OrgPath,
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return (session, problems, true);
    }

    /// <summary>TRN-03: the trainee signs in to a session of a plan they see (once; a second sign-in changes nothing).</summary>
    public async Task<SessionAttendance?> SignInAsync(ScopeViewer viewer, int sessionId, CancellationToken ct)
    {
        var plans = await VisibleAsync(viewer, ct);
        var session = await db.Set<TrainingSession>().Where(s => s.Id == sessionId && plans.Any(p => p.Id == s.PlanId)).SingleOrDefaultAsync(ct);
        if (session is null)
        {
            return null;
        }

        var row = await db.Set<SessionAttendance>().SingleOrDefaultAsync(a => a.SessionId == sessionId && a.TraineeId == viewer.UserId, ct);
        if (row is null)
        {
            row = new SessionAttendance { SessionId = sessionId, TraineeId = viewer.UserId, SignedInAt = clock.GetUtcNow().UtcDateTime };
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    /// <summary>TRN-03: the session's trainer, or a training manager whose scope holds the session, confirms a trainee who signed in.</summary>
    public async Task<(SessionAttendance? Row, bool Found)> ConfirmAsync(ScopeViewer viewer, bool manager, int sessionId, string traineeId, CancellationToken ct)
    {
        var session = await db.Set<TrainingSession>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || !(session.TrainerId == viewer.UserId || (manager && viewer.CanSee(null, session.OrgPath))))
        {
            return (null, false);
        }

        var row = await db.Set<SessionAttendance>().SingleOrDefaultAsync(a => a.SessionId == sessionId && a.TraineeId == traineeId, ct);
        if (row is null)
        {
            return (null, true);
        }

        if (row.ConfirmedAt is null)
        {
            row.ConfirmedAt = clock.GetUtcNow().UtcDateTime;
            row.ConfirmedById = viewer.UserId;
            await db.SaveChangesAsync(ct);
        }

        return (row, true);
    }

    public async Task<PlanDto> ToDtoAsync(TrainingPlan plan, CancellationToken ct) => (await ToDtosAsync([plan], ct))[0];

    public async Task<IReadOnlyList<PlanDto>> ToDtosAsync(IReadOnlyList<TrainingPlan> plans, CancellationToken ct)
    {
        var planIds = plans.Select(p => p.Id).ToList();
        var sessions = await db.Set<TrainingSession>().AsNoTracking().Where(s => planIds.Contains(s.PlanId)).OrderBy(s => s.StartsAt).ThenBy(s => s.Id).ToListAsync(ct);
        var sessionIds = sessions.Select(s => s.Id).ToList();
        var attendance = await db.Set<SessionAttendance>().AsNoTracking().Where(a => sessionIds.Contains(a.SessionId)).OrderBy(a => a.SignedInAt).ToListAsync(ct);
        var courseIds = sessions.Select(s => s.CourseId).Distinct().ToList();
        var courses = await db.Set<TrainingCourse>().AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        var people = sessions.Select(s => s.TrainerId).Concat(attendance.Select(a => a.TraineeId)).Concat(attendance.Where(a => a.ConfirmedById != null).Select(a => a.ConfirmedById!)).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var unitIds = plans.Select(p => p.OrgUnitId).Distinct().ToList();
        var units = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return plans.Select(p => new PlanDto(p.Id, p.Year, p.Month, p.Title, p.Notes, p.OrgUnitId, units.GetValueOrDefault(p.OrgUnitId) ?? "",
            sessions.Where(s => s.PlanId == p.Id).Select(s => new SessionDto(s.Id, s.PlanId, s.CourseId, courses.GetValueOrDefault(s.CourseId) ?? "", s.StartsAt, s.DurationMinutes, s.Location,
                s.TrainerId, names.GetValueOrDefault(s.TrainerId) ?? "",
                attendance.Where(a => a.SessionId == s.Id).Select(a => new AttendanceDto(a.TraineeId, names.GetValueOrDefault(a.TraineeId) ?? "", a.SignedInAt, a.ConfirmedAt,
                    a.ConfirmedById is null ? null : names.GetValueOrDefault(a.ConfirmedById))).ToArray())).ToArray(), p.Version)).ToArray();
    }
}
