using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Visits;

/// <summary>
/// A visit as recorded (VIS-02); the seed's points (004: recent sales, new needs, the customer's problems and opinions) have
/// their own fields, and <c>reportToSuperior</c> sends the visit up to the visitor's superior.
/// </summary>
public sealed record VisitInput(
    int? CustomerId, int? VisitId, VisitChannel? Channel, string? ContactName, string? Questions, SatisfactionRating? Rating, string? Feedback,
    bool? CreateFollowUp, string? FollowUpTitle, string? RecentSales = null, string? NewNeeds = null, string? ProblemsRaised = null, bool? ReportToSuperior = null);

public sealed record VisitDto(
    int Id, int CustomerId, string OwnerId, VisitStatus Status, DateOnly? DueOn, DateTime? DoneAt, VisitChannel? Channel, string? ContactName,
    string? Questions, SatisfactionRating? Rating, string? Feedback, int? FollowUpCaseId,
    string? RecentSales, string? NewNeeds, string? ProblemsRaised, string? ReportedToId, DateTime? ReportedAt);

public sealed record CallbackInput(string? JobReference, int? CustomerId, string? CustomerName, string? TechnicianId, DateTime? CompletedAt);

public sealed record CallbackResultInput(SatisfactionRating? Rating, bool? Complaint, string? Comment, int? Version);

public sealed record CallbackDto(
    int Id, string JobReference, int? CustomerId, string CustomerName, string TechnicianId, DateTime CompletedAt, DateTime DueAt, CallbackStatus Status,
    DateTime? CalledAt, SatisfactionRating? Rating, bool Complaint, string? Comment, int Version);

/// <summary>VIS-01..03: the visit plan, visit records with follow-up cases, and supervision callbacks.</summary>
public sealed class VisitUseCases(
    KefuDbContext db, CustomerUseCases customers, PolicyStore policies, CalendarService calendars, TimeProvider clock, VisitReports reports,
    Kefu.Web.Platform.Notifications.Notifier notifier)
{
    /// <summary>The PostgreSQL advisory lock that keeps VIS-01 plan runs apart.</summary>
    private const long PlanLockKey = 0x4B454655_01;

    public static VisitDto ToDto(Visit v) =>
        new(v.Id, v.CustomerId, v.OwnerId, v.Status, v.DueOn, v.DoneAt, v.Channel, v.ContactName, v.Questions, v.Rating, v.Feedback, v.FollowUpCaseId,
            v.RecentSales, v.NewNeeds, v.ProblemsRaised, v.ReportedToId, v.ReportedAt);

    public static CallbackDto ToDto(ServiceCallback c) =>
        new(c.Id, c.JobReference, c.CustomerId, c.CustomerName, c.OwnerId, c.CompletedAt, c.DueAt, c.Status, c.CalledAt, c.Rating, c.Complaint, c.Comment, c.Version);

    /// <summary>
    /// VIS-01: creates the due visits of every owned, graded customer whose next visit (by grade,
    /// from the last visit made, or from the assignment) falls within the plan's horizon. A
    /// customer has at most one open planned visit, so running the plan again adds nothing.
    /// </summary>
    public async Task<int> PlanAsync(CancellationToken ct)
    {
        var policy = await policies.GetAsync<VisitPolicy>(VisitPolicy.Key, ct);
        var today = CompanyTime.Today(clock);
        var horizon = today.AddDays(Math.Max(0, policy.PlanAheadDays));

        // Runs may overlap (the morning job, the start-up run of each node, a supervisor's "plan now"):
        // one at a time, or two runs that both found no open visit would each add one. SQLite takes
        // its write lock when the transaction begins; PostgreSQL waits on an advisory lock.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PlanLockKey})", ct);
        }

        var candidates = await db.Set<Customer>().AsNoTracking()
            .Where(c => c.OwnerId != null && c.Grade != null && !db.Set<Visit>().Any(v => v.CustomerId == c.Id && v.Status == VisitStatus.Due))
            .Select(c => new
            {
                c.Id, c.OwnerId, c.Grade, c.OrgPath, c.AssignedAt, c.CreatedAt,
                LastVisit = db.Set<Visit>().Where(v => v.CustomerId == c.Id && v.Status == VisitStatus.Done).Max(v => v.DoneAt),
            })
            .ToListAsync(ct);
        var byId = candidates.ToDictionary(c => c.Id.ToString(CultureInfo.InvariantCulture));
        var subjects = candidates.Select(c => new VisitSubject(
            c.Id.ToString(CultureInfo.InvariantCulture), c.OwnerId!, c.Grade!,
            DateOnly.FromDateTime(CompanyTime.ToLocal(c.LastVisit ?? c.AssignedAt ?? c.CreatedAt))));
        var due = VisitRules.DueVisits(subjects, horizon, policy);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var visit in due)
        {
            var customer = byId[visit.CustomerId];
            db.Add(new Visit
            {
                CustomerId = customer.Id, OwnerId = visit.SpecialistId, OrgPath = customer.OrgPath, Status = VisitStatus.Due, DueOn = visit.DueOn, CreatedAt = now,
            });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return due.Count;
    }

    /// <summary>VIS-02: records a visit (completing a planned one when given); it counts as contact (CUS-05) and may open a follow-up case.</summary>
    public async Task<(Visit? Visit, ProblemBuilder Problems)> RecordAsync(ScopeViewer viewer, string userId, VisitInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var customer = input.CustomerId is { } customerId
            ? await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == customerId, ct)
            : null;
        if (customer is null)
        {
            problems.Add("customerId", "Customer.UnknownCustomer");
        }

        Visit? visit = null;
        if (input.VisitId is { } visitId)
        {
            visit = await db.Set<Visit>().VisibleTo(viewer).SingleOrDefaultAsync(v => v.Id == visitId, ct);
            if (visit is null || visit.Status != VisitStatus.Due || visit.CustomerId != input.CustomerId)
            {
                problems.Add("visitId", "Visit.NotDue");
            }
        }

        if (input.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            problems.Add("channel", "Validation.RequiredHere");
        }

        if (input.Rating is { } rating && !Enum.IsDefined(rating))
        {
            problems.Add("rating", "Validation.UnknownStatus");
        }

        problems.MaxLength("contactName", input.ContactName, 100).MaxLength("questions", input.Questions, 2000).MaxLength("feedback", input.Feedback, 2000)
            .MaxLength("followUpTitle", input.FollowUpTitle, 200).MaxLength("recentSales", input.RecentSales, 2000).MaxLength("newNeeds", input.NewNeeds, 2000)
            .MaxLength("problemsRaised", input.ProblemsRaised, 2000);
        string? superior = null;
        if (input.ReportToSuperior == true)
        {
            // VIS-02 (seed 004): what goes up is what the customer said; a report with nothing in it is refused.
            if (string.IsNullOrWhiteSpace(input.ProblemsRaised) && string.IsNullOrWhiteSpace(input.NewNeeds) && string.IsNullOrWhiteSpace(input.Feedback))
            {
                problems.Add("problemsRaised", "Visit.ReportNeedsContent");
            }
            else if ((superior = await reports.SuperiorOfAsync(userId, ct)) is null)
            {
                problems.Add("reportToSuperior", "Visit.NoSuperior");
            }
        }
        if (input.CreateFollowUp == true && string.IsNullOrWhiteSpace(input.FollowUpTitle) && string.IsNullOrWhiteSpace(input.Feedback))
        {
            problems.Add("followUpTitle", "Validation.RequiredHere");
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        visit ??= db.Add(new Visit { CustomerId = customer!.Id, OrgPath = customer.OrgPath, OwnerId = customer.OwnerId ?? userId, CreatedAt = now }).Entity;
        visit.OwnerId = userId;
        visit.Status = VisitStatus.Done;
        visit.DoneAt = now;
        visit.Channel = input.Channel;
        visit.ContactName = Trim(input.ContactName);
        visit.Questions = Trim(input.Questions);
        visit.Rating = input.Rating;
        visit.Feedback = Trim(input.Feedback);
        visit.RecentSales = Trim(input.RecentSales);
        visit.NewNeeds = Trim(input.NewNeeds);
        visit.ProblemsRaised = Trim(input.ProblemsRaised);
        if (superior is not null)
        {
            visit.ReportedToId = superior;
            visit.ReportedAt = now;
            var visitor = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
            await notifier.EnqueueAsync(new Kefu.Web.Platform.Notifications.NotificationRequest(VisitReports.ReportedEvent, [superior],
                [customer!.Name, visitor, Trim(input.ProblemsRaised) ?? Trim(input.NewNeeds) ?? Trim(input.Feedback)], "/visits?reported=mine",
                nameof(Visit), null, ToGroupRobots: false), ct);
        }
        if (input.CreateFollowUp == true)
        {
            var followUp = db.Add(new FollowUpCase
            {
                CustomerId = customer!.Id, OrgPath = customer.OrgPath, OwnerId = customer.OwnerId ?? userId,
                Title = Trim(input.FollowUpTitle) ?? Trim(input.Feedback)![..Math.Min(200, input.Feedback!.Trim().Length)],
                Description = Trim(input.Feedback), Source = "visit", CreatedAt = now,
            }).Entity;
            await db.SaveChangesAsync(ct);
            visit.FollowUpCaseId = followUp.Id;
        }

        await db.SaveChangesAsync(ct);
        await customers.MarkContactedAsync(viewer, customer!.Id, ct);
        await tx.CommitAsync(ct);
        return (visit, problems);
    }

    /// <summary>Closes a follow-up case.</summary>
    public async Task<bool> CloseCaseAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var found = await db.Set<FollowUpCase>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (found is null)
        {
            return false;
        }

        if (found.Status == CaseStatus.Open)
        {
            found.Status = CaseStatus.Closed;
            found.ClosedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return true;
    }

    /// <summary>VIS-03: a completed job enters the coordinator's list, due the same or next working day on the technician's calendar.</summary>
    public async Task<(ServiceCallback? Callback, ProblemBuilder Problems)> AddCallbackAsync(ScopeViewer viewer, CallbackInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("jobReference", input.JobReference).MaxLength("jobReference", input.JobReference, 64).MaxLength("customerName", input.CustomerName, 200);
        Customer? customer = null;
        if (input.CustomerId is { } customerId)
        {
            customer = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == customerId, ct);
            if (customer is null)
            {
                problems.Add("customerId", "Customer.UnknownCustomer");
            }
        }
        else if (string.IsNullOrWhiteSpace(input.CustomerName))
        {
            problems.Add("customerName", "Validation.RequiredHere");
        }

        var technician = string.IsNullOrEmpty(input.TechnicianId) ? null : await TeamTechnicians(viewer).SingleOrDefaultAsync(u => u.Id == input.TechnicianId, ct);
        if (technician is null)
        {
            problems.Add("technicianId", "Callback.UnknownTechnician");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CompletedAt is not { } completed)
        {
            problems.Add("completedAt", "Validation.RequiredHere");
        }
        else if (completed.ToUniversalTime() > now.AddMinutes(5))
        {
            problems.Add("completedAt", "Validation.NotInFuture");
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == technician!.OrgUnitId, ct);
        var (centrePath, _) = await OrgTree.AnchorsAsync(db, unit.Path, ct);
        var centre = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Path == centrePath, ct);
        var calendar = await calendars.ForOrgPathAsync(db, centrePath, ct);
        var policy = await policies.GetAsync<VisitPolicy>(VisitPolicy.Key, ct);
        var completedUtc = input.CompletedAt!.Value.ToUniversalTime();
        var callback = new ServiceCallback
        {
            JobReference = input.JobReference!.Trim(), CustomerId = customer?.Id, CustomerName = customer?.Name ?? input.CustomerName!.Trim(),
            OrgPath = centrePath, CentreId = centre.Id, OwnerId = technician!.Id, CompletedAt = completedUtc,
            DueAt = VisitRules.CallbackDue(new DateTimeOffset(completedUtc, TimeSpan.Zero), calendar, policy).UtcDateTime,
            CreatedAt = now,
        };
        db.Add(callback);
        await db.SaveChangesAsync(ct);
        return (callback, problems);
    }

    /// <summary>
    /// VIS-03 fed by field service: a finished job creates its supervision callback with the
    /// technician and the due time on the centre's calendar; the caller saves it with the job.
    /// </summary>
    public async Task<ServiceCallback> CallbackForJobAsync(string jobReference, int? customerId, string customerName, string technicianId, string centrePath, int centreId,
        DateTime completedUtc, CancellationToken ct)
    {
        var calendar = await calendars.ForOrgPathAsync(db, centrePath, ct);
        var policy = await policies.GetAsync<VisitPolicy>(VisitPolicy.Key, ct);
        var callback = new ServiceCallback
        {
            JobReference = jobReference, CustomerId = customerId, CustomerName = customerName, OrgPath = centrePath, CentreId = centreId, OwnerId = technicianId,
            CompletedAt = completedUtc, DueAt = VisitRules.CallbackDue(new DateTimeOffset(completedUtc, TimeSpan.Zero), calendar, policy).UtcDateTime,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(callback);
        return callback;
    }

    /// <summary>VIS-03: the coordinator records the customer's rating on the four-point scale.</summary>
    public async Task<(ServiceCallback? Callback, ProblemBuilder Problems, bool Conflict)> RecordCallbackAsync(
        ScopeViewer viewer, string userId, int id, CallbackResultInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var callback = await db.Set<ServiceCallback>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (callback is null)
        {
            return (null, problems, false);
        }

        if (input.Version is { } version && version != callback.Version)
        {
            return (callback, problems, true);
        }

        if (input.Rating is not { } rating || !Enum.IsDefined(rating))
        {
            problems.Add("rating", "Validation.RequiredHere");
        }

        problems.MaxLength("comment", input.Comment, 2000);
        if (callback.Status == CallbackStatus.Done)
        {
            problems.Add("rating", "Callback.AlreadyDone");
        }

        if (problems.HasErrors)
        {
            return (callback, problems, false);
        }

        callback.Status = CallbackStatus.Done;
        callback.Rating = input.Rating;
        callback.Complaint = input.Complaint == true;
        callback.Comment = Trim(input.Comment);
        callback.CalledAt = clock.GetUtcNow().UtcDateTime;
        callback.CalledById = userId;
        await db.SaveChangesAsync(ct);
        return (callback, problems, false);
    }

    /// <summary>The active field engineers of the viewer's team (their scope, or their centre for one who sees only their own records).</summary>
    public IQueryable<KefuUser> TeamTechnicians(ScopeViewer viewer)
    {
        var team = viewer.VisiblePath ?? viewer.CentrePath;
        return db.Users.AsNoTracking().ActiveHolding(db, Role.FieldEngineer).Where(u => u.OrgPath.StartsWith(team));
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
