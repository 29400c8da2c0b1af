using System.Globalization;
using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record TeamTaskInput(string? Title, string? AssigneeId, int? PersonDays);

public sealed record ProjectInput(
    string? Name, int? CustomerId, string? SiteAddress, string? Requirement, DateOnly? PlannedStart, DateOnly? PlannedFinish, string? LeaderId,
    IReadOnlyList<string>? MemberIds, IReadOnlyList<TeamTaskInput>? Tasks, int? Version);

public sealed record DailyReportInput(DateOnly? Date, int? ProgressPercent, string? WorkDone, string? Problems);

public sealed record TeamDeviceInput(string? Model, string? SerialNumber, int? Quantity, string? Location, string? Note);

public sealed record SummaryInput(string? WorkDone, string? Summary, int? SurveyId, string? RespondentName, string? RespondentEmail, int? ValidDays);

/// <summary>
/// FLD-04: a team project for work of the policy's size or more (以上: 10 person-days, 4 technicians,
/// 2 working days all qualify): its plan, the leader's report each working day (an SLA timer the
/// manager hears of when it runs out), the devices, and the summary sent to the customer with a survey.
/// </summary>
public sealed class TeamUseCases(
    KefuDbContext db, JobUseCases jobs, PolicyStore policies, SlaService sla, SurveyUseCases surveys, CalendarService calendars, TimeProvider clock)
{
    public const string RecordType = "TeamProject";

    internal KefuDbContext Db => db;

    public IQueryable<TeamProject> Visible(ScopeViewer viewer)
    {
        var mine = db.Set<TeamMember>().Where(m => m.UserId == viewer.UserId).Select(m => m.ProjectId);
        var visible = viewer.VisiblePath;
        return db.Set<TeamProject>().Where(p => p.OwnerId == viewer.UserId || (visible != null && p.OrgPath.StartsWith(visible)) || mine.Contains(p.Id));
    }

    public async Task<FieldResult<TeamProject>> SaveAsync(ScopeViewer viewer, string userId, int? id, ProjectInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("name", input.Name).MaxLength("name", input.Name, 100).Required("requirement", input.Requirement)
            .MaxLength("requirement", input.Requirement, 2000).MaxLength("siteAddress", input.SiteAddress, 300).Required("leaderId", input.LeaderId);
        if (input.PlannedStart is null)
        {
            problems.Add("plannedStart", "Validation.RequiredHere");
        }

        if (input.PlannedFinish is null)
        {
            problems.Add("plannedFinish", "Validation.RequiredHere");
        }
        else if (input.PlannedStart is { } s && input.PlannedFinish < s)
        {
            problems.Add("plannedFinish", "Team.FinishBeforeStart");
        }

        var tasks = input.Tasks ?? [];
        if (tasks.Count > 100)
        {
            problems.Add("tasks", "Validation.TooMany", 100);
        }

        for (var i = 0; i < tasks.Count && i < 100; i++)
        {
            problems.Required($"tasks[{i}].title", tasks[i].Title).MaxLength($"tasks[{i}].title", tasks[i].Title, 200);
            if (tasks[i].PersonDays is < 0 or > 10_000)
            {
                problems.Add($"tasks[{i}].personDays", "Policy.OutOfRange", 0, 10_000);
            }
        }

        if (input.MemberIds is { Count: > 200 })
        {
            problems.Add("memberIds", "Validation.TooMany", 200);
        }

        TeamProject? project = null;
        if (id is { } existing)
        {
            project = await db.Set<TeamProject>().VisibleTo(viewer).SingleOrDefaultAsync(p => p.Id == existing, ct);
            if (project is null)
            {
                return new FieldResult<TeamProject>.NotFound();
            }

            if (project.Status is TeamProjectStatus.Finished or TeamProjectStatus.Cancelled || (input.Version is { } v && v != project.Version))
            {
                return new FieldResult<TeamProject>.Conflict();
            }
        }

        var customerId = input.CustomerId ?? project?.CustomerId;
        var customer = customerId is { } cid ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        if (problems.HasErrors)
        {
            return new FieldResult<TeamProject>.Invalid(problems);
        }

        var people = (input.MemberIds ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Append(input.LeaderId!).Distinct(StringComparer.Ordinal).ToArray();
        var found = await TeamPeople(customer!.OrgPath).Where(u => people.Contains(u.Id)).Select(u => u.Id).ToListAsync(ct);
        if (!found.Contains(input.LeaderId!))
        {
            problems.Add("leaderId", "Job.UnknownTechnician");
        }

        if (people.Except(found).Any())
        {
            problems.Add("memberIds", "Job.UnknownTechnician");
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            if (!string.IsNullOrEmpty(tasks[i].AssigneeId) && !people.Contains(tasks[i].AssigneeId))
            {
                problems.Add($"tasks[{i}].assigneeId", "Team.NotMember");
            }
        }

        // FLD-04: the plan must be of team size on the centre's calendar.
        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, customer.OrgPath, ct);
        var plan = new TeamPlanSize(people.Length, input.PlannedStart!.Value, input.PlannedFinish!.Value);
        var (personDays, workingDays) = TeamService.Size(plan, calendar);
        if (!problems.HasErrors && !TeamService.Applies(personDays, people.Length, workingDays, policy))
        {
            problems.Add("memberIds", "Team.BelowThreshold", policy.TeamMinPersonDays, policy.TeamMinTechnicians, policy.TeamMinWorkingDays, personDays, people.Length, workingDays);
        }

        if (problems.HasErrors)
        {
            return new FieldResult<TeamProject>.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (project is null)
        {
            project = new TeamProject
            {
                Name = "", CustomerName = "", Requirement = "", OwnerId = "", CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
                Status = TeamProjectStatus.Planned,
            };
            db.Add(project);
        }

        project.Name = input.Name!.Trim();
        project.CustomerId = customer.Id;
        project.CustomerName = customer.Name;
        project.SiteAddress = string.IsNullOrWhiteSpace(input.SiteAddress) ? customer.Address : input.SiteAddress.Trim();
        project.Requirement = input.Requirement!.Trim();
        project.PlannedStart = plan.PlannedStart;
        project.PlannedFinish = plan.PlannedFinish;
        project.Technicians = people.Length;
        project.WorkingDays = workingDays;
        project.PersonDays = personDays;
        project.OrgPath = customer.OrgPath;
        project.CentreId = customer.CentreId;
        var leaderChanged = project.OwnerId != input.LeaderId;
        project.OwnerId = input.LeaderId!;
        await db.SaveChangesAsync(ct);
        var members = await db.Set<TeamMember>().Where(m => m.ProjectId == project.Id).ToListAsync(ct);
        db.RemoveRange(members.Where(m => !people.Contains(m.UserId)));
        foreach (var person in people.Where(p => members.All(m => m.UserId != p)))
        {
            db.Add(new TeamMember { ProjectId = project.Id, UserId = person });
        }

        db.RemoveRange(await db.Set<TeamTask>().Where(t => t.ProjectId == project.Id).ToListAsync(ct));
        foreach (var task in tasks)
        {
            db.Add(new TeamTask { ProjectId = project.Id, Title = task.Title!.Trim(), AssigneeId = string.IsNullOrEmpty(task.AssigneeId) ? null : task.AssigneeId, PersonDays = task.PersonDays ?? 0 });
        }

        if (leaderChanged && project.Status == TeamProjectStatus.InProgress)
        {
            // The running report clock follows the new leader.
            await sla.StopAsync(RecordType, DailyKey(project), ct: ct);
            await StartDailyAsync(project, policy, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<TeamProject>.Ok(project);
    }

    /// <summary>FLD-04: work begins; the leader's first daily report is due within the policy's working days.</summary>
    public async Task<FieldResult<TeamProject>> StartAsync(ScopeViewer viewer, bool canDispatch, int id, CancellationToken ct)
    {
        var project = await LedByAsync(viewer, canDispatch, id, ct);
        if (project is null)
        {
            return new FieldResult<TeamProject>.NotFound();
        }

        if (project.Status != TeamProjectStatus.Planned)
        {
            return new FieldResult<TeamProject>.Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        project.Status = TeamProjectStatus.InProgress;
        project.StartedAt = clock.GetUtcNow().UtcDateTime;
        await StartDailyAsync(project, await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<TeamProject>.Ok(project);
    }

    /// <summary>FLD-04: the leader's report of the day stops its clock and starts the next one.</summary>
    public async Task<FieldResult<TeamDailyReport>> DailyReportAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, DailyReportInput input, CancellationToken ct)
    {
        var project = await LedByAsync(viewer, canDispatch, id, ct);
        if (project is null)
        {
            return new FieldResult<TeamDailyReport>.NotFound();
        }

        var today = Today();
        var date = input.Date ?? today;
        var problems = new ProblemBuilder().Required("workDone", input.WorkDone).MaxLength("workDone", input.WorkDone, 2000).MaxLength("problems", input.Problems, 2000);
        if (date > today)
        {
            problems.Add("date", "Validation.NotInFuture");
        }

        if (input.ProgressPercent is not { } progress || progress is < 0 or > 100)
        {
            problems.Add("progressPercent", "Policy.OutOfRange", 0, 100);
        }

        if (problems.HasErrors)
        {
            return new FieldResult<TeamDailyReport>.Invalid(problems);
        }

        if (project.Status != TeamProjectStatus.InProgress || await db.Set<TeamDailyReport>().AnyAsync(r => r.ProjectId == id && r.Date == date, ct))
        {
            return new FieldResult<TeamDailyReport>.Conflict();
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var report = new TeamDailyReport
        {
            ProjectId = id, Date = date, ProgressPercent = input.ProgressPercent!.Value, WorkDone = input.WorkDone!.Trim(),
            Problems = string.IsNullOrWhiteSpace(input.Problems) ? null : input.Problems.Trim(), AuthorId = userId, FiledAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(report);
        await sla.StopAsync(RecordType, DailyKey(project), ct: ct);
        await StartDailyAsync(project, await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct), ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return new FieldResult<TeamDailyReport>.Conflict();
        }

        await tx.CommitAsync(ct);
        return new FieldResult<TeamDailyReport>.Ok(report);
    }

    /// <summary>FLD-04: a device the team worked on (serial number, quantity, where).</summary>
    public async Task<FieldResult<TeamDevice>> AddDeviceAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, TeamDeviceInput input, CancellationToken ct)
    {
        var project = await Visible(viewer).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null || (!canDispatch && !await db.Set<TeamMember>().AnyAsync(m => m.ProjectId == id && m.UserId == userId, ct)))
        {
            return new FieldResult<TeamDevice>.NotFound();
        }

        var problems = new ProblemBuilder().Required("model", input.Model).MaxLength("model", input.Model, 100).MaxLength("serialNumber", input.SerialNumber, 100)
            .MaxLength("location", input.Location, 200).MaxLength("note", input.Note, 500);
        if (input.Quantity is < 1 or > 100_000)
        {
            problems.Add("quantity", "Policy.OutOfRange", 1, 100_000);
        }

        if (problems.HasErrors)
        {
            return new FieldResult<TeamDevice>.Invalid(problems);
        }

        if (project.Status is TeamProjectStatus.Finished or TeamProjectStatus.Cancelled)
        {
            return new FieldResult<TeamDevice>.Conflict();
        }

        var device = new TeamDevice
        {
            ProjectId = id, Model = input.Model!.Trim(), SerialNumber = Trim(input.SerialNumber), Quantity = input.Quantity ?? 1, Location = Trim(input.Location),
            Note = Trim(input.Note), RecordedById = userId, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(device);
        await db.SaveChangesAsync(ct);
        return new FieldResult<TeamDevice>.Ok(device);
    }

    /// <summary>
    /// FLD-04: the summary report to the customer (need, staffing and time, work done, summary) closes
    /// the project, stops the report clock and sends the satisfaction survey's link (the team is rated, so no one technician is named).
    /// </summary>
    public async Task<FieldResult<TeamProject>> FinishAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, SummaryInput input, string baseUrl, CancellationToken ct)
    {
        var project = await LedByAsync(viewer, canDispatch, id, ct);
        if (project is null)
        {
            return new FieldResult<TeamProject>.NotFound();
        }

        var problems = new ProblemBuilder().Required("workDone", input.WorkDone).MaxLength("workDone", input.WorkDone, 4000)
            .Required("summary", input.Summary).MaxLength("summary", input.Summary, 4000);
        if (problems.HasErrors)
        {
            return new FieldResult<TeamProject>.Invalid(problems);
        }

        if (project.Status != TeamProjectStatus.InProgress)
        {
            return new FieldResult<TeamProject>.Conflict();
        }

        var surveyId = input.SurveyId ?? await db.Set<Survey>().AsNoTracking().Where(SurveyUseCases.SendableBy(viewer))
            .Where(s => s.Published && s.Kind == SurveyKind.ProjectSatisfaction).OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(ct);
        if (surveyId is null)
        {
            return new FieldResult<TeamProject>.Invalid(new ProblemBuilder().Add("surveyId", "Resident.NoSurvey"));
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var customer = await db.Set<Customer>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == project.CustomerId, ct);
        var (invitation, link, invited) = await surveys.InviteAsync(viewer, userId, surveyId.Value, new InvitationInput(
            string.IsNullOrWhiteSpace(input.RespondentName) ? customer?.ContactName ?? project.CustomerName : input.RespondentName,
            string.IsNullOrWhiteSpace(input.RespondentEmail) ? customer?.ContactEmail : input.RespondentEmail, project.CustomerId, null, input.ValidDays), baseUrl, ct);
        if (invitation is null)
        {
            return new FieldResult<TeamProject>.Invalid(invited.HasErrors ? invited : new ProblemBuilder().Add("surveyId", "Resident.NoSurvey"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        project.WorkDone = input.WorkDone!.Trim();
        project.Summary = input.Summary!.Trim();
        project.Status = TeamProjectStatus.Finished;
        project.FinishedAt = now;
        project.SummarySentAt = now;
        project.InvitationId = invitation.Id;
        await sla.StopAsync(RecordType, DailyKey(project), ct: ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new FieldResult<TeamProject>.Ok(project, link);
    }

    /// <summary>Technicians and team leaders of the centre: the people a team is made of.</summary>
    public IQueryable<KefuUser> TeamPeople(string centrePath) =>
        jobs.Technicians(centrePath).Union(db.Users.AsNoTracking().ActiveHolding(db, Role.TeamLeader).Where(u => u.OrgPath.StartsWith(centrePath)));

    public static string DailyKey(TeamProject project) => project.Id.ToString(CultureInfo.InvariantCulture) + "/DailyReport";

    private async Task StartDailyAsync(TeamProject project, FieldPolicy policy, CancellationToken ct) =>
        await sla.StartAsync(new StartTimer(RecordType, DailyKey(project), "FLD-04",
            Platform.Localization.LocalText.Of("SlaName.TeamDailyReport", project.Name).Store(200), policy.TeamDailyReportTarget,
            project.OwnerId, project.OrgPath, [EscalationTarget.ForRole(Role.CentreSupervisor), EscalationTarget.ForRole(Role.CsManager)],
            Link: $"/field/teams/{project.Id}"), ct);

    /// <summary>The project if the viewer leads it, or dispatches in its scope.</summary>
    private async Task<TeamProject?> LedByAsync(ScopeViewer viewer, bool canDispatch, int id, CancellationToken ct)
    {
        var project = await Visible(viewer).SingleOrDefaultAsync(p => p.Id == id, ct);
        return project is not null && (project.OwnerId == viewer.UserId || (canDispatch && viewer.CanSee(null, project.OrgPath))) ? project : null;
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
