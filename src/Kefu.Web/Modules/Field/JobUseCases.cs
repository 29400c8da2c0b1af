using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Field;

public sealed record DeviceInput(string? Model, string? SerialNumber, int? Quantity, DateOnly? WarrantyEnd, DateOnly? InstalledOn);

public sealed record JobInput(
    JobKind? Type, ServiceMode? Mode, JobSource? Source, JobPriority? Priority, int? CustomerId, string? CustomerName, string? SiteAddress,
    double? SiteLatitude, double? SiteLongitude, string? ContactName, string? ContactPhone, string? ReporterName, string? Problem, string? Skill,
    string? OrderReference, int? CentreId, IssueKind? Issue, bool? CooperationFormCharged, IReadOnlyList<DeviceInput>? Devices, string? RequestKey,
    DateTimeOffset? ReceivedAt, string? TechnicianId = null);

public sealed record AssignInput(string? TechnicianId, string? Note);

public sealed record CancelInput(string? Reason);

/// <summary>What a job action answers: the job, or why not.</summary>
public abstract record JobResult
{
    public sealed record Ok(ServiceJob Job, bool Replayed = false) : JobResult;
    public sealed record Invalid(ProblemBuilder Problems) : JobResult;
    public sealed record NotFound : JobResult;
    public sealed record Conflict(string Key) : JobResult;
}

/// <summary>
/// FLD-01..07: a job is received (numbered per type), assigned from the board, handed over or
/// cancelled. Each step writes the job's history and starts or stops its clocks on the centre's
/// calendar; the board and the technician's phone hear of it at once (<see cref="DispatchSignals"/>).
/// </summary>
public sealed class JobUseCases(
    KefuDbContext db, CustomerUseCases customers, PolicyStore policies, SlaService sla, NumberSequences sequences, Notifier notifier,
    DispatchSignals signals, TimeProvider clock, Training.Contracts.IOnDutyGate duty)
{
    public const string RecordType = "ServiceJob";

    public static string Prefix(JobKind type) => type switch
    {
        JobKind.Install => "AZ",
        JobKind.Repair => "WX",
        _ => "XJ",
    };

    public async Task<JobResult> CreateAsync(ScopeViewer viewer, string userId, bool canDispatch, JobInput input, CancellationToken ct)
    {
        var problems = Validate(input);
        if (!string.IsNullOrWhiteSpace(input.RequestKey)
            && await db.Set<ServiceJob>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(j => j.RequestKey == input.RequestKey.Trim(), ct) is { } earlier)
        {
            // A retried submit (the network dropped after the server saved): the same job, not a second one.
            return new JobResult.Ok(earlier, Replayed: true);
        }

        Customer? customer = null;
        if (input.CustomerId is { } customerId)
        {
            customer = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == customerId, ct);
            if (customer is null)
            {
                problems.Add("customerId", "Customer.UnknownCustomer");
            }
            else if (Kefu.Core.Customers.AccountLifecycle.RefusalOfNewBusiness(customer.AccountStatus) is { } closed)
            {
                // CUS-08: a closed account takes no new jobs until it is reopened.
                CustomerUseCases.AddRefusal(problems, closed, "customerId");
            }
        }
        else if (string.IsNullOrWhiteSpace(input.CustomerName))
        {
            problems.Add("customerName", "Validation.RequiredHere");
        }

        var now = clock.GetUtcNow();
        var received = input.ReceivedAt ?? now;
        if (received > now.AddMinutes(1))
        {
            problems.Add("receivedAt", "Validation.NotInFuture");
        }

        var centre = await customers.CentreAsync(viewer, input.CentreId, userId, problems, ct);
        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        KefuUser? technician = null;
        if (!string.IsNullOrEmpty(input.TechnicianId))
        {
            technician = canDispatch ? await Technicians(centre!.Path).SingleOrDefaultAsync(u => u.Id == input.TechnicianId, ct) : null;
            if (technician is null)
            {
                return new JobResult.Invalid(new ProblemBuilder().Add("technicianId", "Job.UnknownTechnician"));
            }

            // TRN-04: a job goes only to a technician on duty.
            var refused = new ProblemBuilder();
            if (await duty.RefuseUnlessOnDutyAsync(technician.Id, "technicianId", refused, ct))
            {
                return new JobResult.Invalid(refused);
            }
        }

        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var type = input.Type!.Value;
        var job = new ServiceJob
        {
            Number = Prefix(type) + (await sequences.NextAsync("Job." + type, NumberSequences.CompanyWide, ct)).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
            Type = type, Mode = input.Mode ?? ServiceMode.Mobile, Source = input.Source ?? JobSource.Phone, Priority = input.Priority ?? JobPriority.Normal,
            State = JobState.New, CustomerId = customer?.Id, CustomerName = customer?.Name ?? input.CustomerName!.Trim(),
            SiteAddress = Trim(input.SiteAddress) ?? customer?.Address, SiteLatitude = input.SiteLatitude, SiteLongitude = input.SiteLongitude,
            ContactName = Trim(input.ContactName) ?? customer?.ContactName, ContactPhone = Trim(input.ContactPhone) ?? customer?.Phone,
            ReporterName = Trim(input.ReporterName), Problem = input.Problem!.Trim(), Skill = Trim(input.Skill), OrderReference = Trim(input.OrderReference),
            OrgPath = centre!.Path, CentreId = centre.Id, CreatedById = userId, ReceivedAt = received.UtcDateTime, CreatedAt = now.UtcDateTime,
            Issue = input.Issue, CooperationFormCharged = input.CooperationFormCharged, RequestKey = Trim(input.RequestKey),
        };
        db.Add(job);
        await db.SaveChangesAsync(ct);
        foreach (var device in input.Devices ?? [])
        {
            db.Add(new JobDevice
            {
                JobId = job.Id, Model = device.Model!.Trim(), SerialNumber = Trim(device.SerialNumber), Quantity = device.Quantity ?? 1,
                WarrantyEnd = device.WarrantyEnd, InstalledOn = device.InstalledOn,
            });
        }

        Event(job, userId, "Created", null, Trim(input.Problem));
        foreach (var deadline in JobDeadlines.OnReceived(job.Mode, policy))
        {
            await StartAsync(job, deadline, null, received, ct);
        }

        if (technician is not null)
        {
            await AssignCoreAsync(job, technician, userId, null, policy, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>FLD-06: one-click assignment from the board (FLD-07 when the job already has a technician: a hand-over).</summary>
    public async Task<JobResult> AssignAsync(ScopeViewer viewer, string userId, int id, AssignInput input, int? version, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } job)
        {
            return new JobResult.NotFound();
        }

        if (version is { } v && v != job.Version)
        {
            return new JobResult.Conflict("Job.ChangedMeanwhile");
        }

        var problems = new ProblemBuilder().Required("technicianId", input.TechnicianId).MaxLength("note", input.Note, 2000);
        var action = job.State == JobState.New ? JobAction.Assign : JobAction.HandOver;
        if (!JobLifecycle.Allows(job.State, action))
        {
            problems.Add("state", "Job.NotNow");
        }

        var technician = problems.HasErrors ? null : await Technicians(job.OrgPath).SingleOrDefaultAsync(u => u.Id == input.TechnicianId, ct);
        if (!problems.HasErrors && technician is null)
        {
            problems.Add("technicianId", "Job.UnknownTechnician");
        }
        else if (technician is not null && technician.Id == job.OwnerId)
        {
            problems.Add("technicianId", "Job.AlreadyAssigned");
        }
        else if (technician is not null)
        {
            // TRN-04: a job goes only to a technician on duty.
            await duty.RefuseUnlessOnDutyAsync(technician.Id, "technicianId", problems, ct);
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (action == JobAction.HandOver)
        {
            // FLD-07: the clocks of the last technician stop; the history stays with the job.
            await StopAsync(job, JobAction.Cancel, ct);
            Event(job, userId, nameof(JobAction.HandOver), technician!.Id, Trim(input.Note));
            job.SetOutAt = null;
            job.ArrivedAt = null;
            job.AcceptedAt = null;
        }

        await AssignCoreAsync(job, technician!, userId, action == JobAction.HandOver ? null : Trim(input.Note), policy, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    private async Task AssignCoreAsync(ServiceJob job, KefuUser technician, string userId, string? note, FieldPolicy policy, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        job.OwnerId = technician.Id;
        job.State = JobState.Assigned;
        job.AssignedAt = now.UtcDateTime;
        Event(job, userId, nameof(JobAction.Assign), technician.Id, note);
        foreach (var deadline in JobDeadlines.OnAssigned(job.Mode, policy))
        {
            await StartAsync(job, deadline, technician.Id, now, ct);
        }

        await notifier.EnqueueAsync(new NotificationRequest("JobAssigned", [technician.Id], [job.Number, job.CustomerName, job.Problem], Link(job), RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
    }

    public async Task<JobResult> CancelAsync(ScopeViewer viewer, string userId, int id, CancelInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } job)
        {
            return new JobResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        if (!JobLifecycle.Allows(job.State, JobAction.Cancel))
        {
            problems.Add("state", "Job.NotNow");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        job.State = JobState.Cancelled;
        job.CancelledAt = clock.GetUtcNow().UtcDateTime;
        job.CancelReason = input.Reason!.Trim();
        await StopAsync(job, JobAction.Cancel, ct);
        Event(job, userId, nameof(JobAction.Cancel), job.OwnerId, job.CancelReason);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>The coordinator closes a finished (or signed) job.</summary>
    public async Task<JobResult> CloseAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } job)
        {
            return new JobResult.NotFound();
        }

        if (job.State == JobState.Closed)
        {
            return new JobResult.Ok(job, Replayed: true);
        }

        if (!JobLifecycle.Allows(job.State, JobAction.Close))
        {
            return new JobResult.Invalid(new ProblemBuilder().Add("state", "Job.NotNow"));
        }

        job.State = JobState.Closed;
        job.ClosedAt = clock.GetUtcNow().UtcDateTime;
        Event(job, userId, nameof(JobAction.Close), job.OwnerId, null);
        await db.SaveChangesAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    public Task<ServiceJob?> FindAsync(ScopeViewer viewer, int id, CancellationToken ct) =>
        db.Set<ServiceJob>().VisibleTo(viewer).SingleOrDefaultAsync(j => j.Id == id, ct);

    /// <summary>Active field engineers of the job's centre.</summary>
    public IQueryable<KefuUser> Technicians(string centrePath) =>
        db.Users.AsNoTracking().ActiveHolding(db, Role.FieldEngineer).Where(u => u.OrgPath.StartsWith(centrePath));

    internal async Task StartAsync(ServiceJob job, JobDeadline deadline, string? ownerId, DateTimeOffset start, CancellationToken ct) =>
        await sla.StartAsync(new StartTimer(RecordType, TimerKey(job, deadline.Kind), deadline.Rule, Kefu.Web.Platform.Localization.LocalText.Of("SlaName.Job." + deadline.Kind, job.Number).Store(200), deadline.Target,
            ownerId ?? job.CreatedById, job.OrgPath, [EscalationTarget.ForRole(Role.Coordinator)], StartAt: start, Link: Link(job)), ct);

    /// <summary>Stops the clocks an action ends.</summary>
    internal async Task StopAsync(ServiceJob job, JobAction action, CancellationToken ct)
    {
        foreach (var kind in JobDeadlines.StoppedBy(action))
        {
            await sla.StopAsync(RecordType, TimerKey(job, kind), ct: ct);
        }
    }

    /// <summary>FLD-08: the running stage's clock stops when the next stage starts.</summary>
    internal async Task StopStageAsync(ServiceJob job, CancellationToken ct) =>
        await sla.StopAsync(RecordType, TimerKey(job, JobDeadlineKind.Stage), ct: ct);

    /// <summary>Each clock of a job is its own SLA record ("42/SetOut"), so an action stops exactly the clocks it ends.</summary>
    public static string TimerKey(ServiceJob job, JobDeadlineKind kind) => $"{job.Id}/{kind}";

    public static string Link(ServiceJob job) => $"/field/jobs/{job.Id}";

    internal void Event(ServiceJob job, string? actorId, string kind, string? technicianId, string? note, double? latitude = null, double? longitude = null) =>
        db.Add(new JobEvent
        {
            JobId = job.Id, At = clock.GetUtcNow().UtcDateTime, ActorId = actorId, Kind = kind, TechnicianId = technicianId, Note = note,
            Latitude = latitude, Longitude = longitude,
        });

    private static ProblemBuilder Validate(JobInput input)
    {
        var problems = new ProblemBuilder();
        problems.Required("problem", input.Problem).MaxLength("problem", input.Problem, 2000).MaxLength("customerName", input.CustomerName, 200)
            .MaxLength("siteAddress", input.SiteAddress, 300).MaxLength("contactName", input.ContactName, 100).MaxLength("contactPhone", input.ContactPhone, 40)
            .Phone("contactPhone", input.ContactPhone).MaxLength("reporterName", input.ReporterName, 100).MaxLength("skill", input.Skill, 50)
            .MaxLength("orderReference", input.OrderReference, 64).MaxLength("requestKey", input.RequestKey, 64);
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            problems.Add("type", "Validation.RequiredHere");
        }

        Defined(problems, "mode", input.Mode);
        Defined(problems, "source", input.Source);
        Defined(problems, "priority", input.Priority);
        Defined(problems, "issue", input.Issue);
        JobProgress.CheckPosition(problems, "siteLatitude", "siteLongitude", input.SiteLatitude, input.SiteLongitude);

        var devices = input.Devices ?? [];
        if (devices.Count > 50)
        {
            problems.Add("devices", "Validation.InvalidHere");
        }

        for (var i = 0; i < Math.Min(devices.Count, 50); i++)
        {
            var d = devices[i];
            if (d is null)
            {
                problems.Add($"devices[{i}]", "Validation.RequiredHere");
                continue;
            }

            problems.Required($"devices[{i}].model", d.Model).MaxLength($"devices[{i}].model", d.Model, 100).MaxLength($"devices[{i}].serialNumber", d.SerialNumber, 100);
            if (d.Quantity is < 1 or > 10_000)
            {
                problems.Add($"devices[{i}].quantity", "Validation.InvalidHere");
            }
        }

        return problems;
    }

    internal static void Defined<T>(ProblemBuilder problems, string field, T? value) where T : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            problems.Add(field, "Validation.UnknownStatus");
        }
    }

    internal static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
