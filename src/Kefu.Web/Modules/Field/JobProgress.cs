using Kefu.Core.Field;
using Kefu.Core.Organization;
using Kefu.Core.Visits;
using Kefu.Web.Data;
using Kefu.Web.Modules.Visits;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Field;

public sealed record StepInput(double? Latitude, double? Longitude, string? Note);

public sealed record PartInput(int? PriceItemId, int? Quantity);

public sealed record FinishInput(
    string? WorkDone, IssueKind? Issue, bool? CooperationFormCharged, IReadOnlyList<PartInput>? Parts, SatisfactionRating? Rating, double? Latitude, double? Longitude);

public sealed record SignInput(string? SignedBy, string? Signature);

public sealed record DisputeInput(string? Note);

public sealed record DecisionInput(bool? Charge, string? DecidedBy);

public sealed record StageInput(RepairStage? Stage);

/// <summary>
/// The technician's side of a job (FLD-02/05): accept, set out, arrive, finish with the work, parts
/// and the charge decision (CHG-01..04), the customer's signature; a disputed charge and the sales
/// decision (CHG-03); the stages of an out-of-warranty repair (FLD-08). A finished job creates its
/// VIS-03 supervision callback.
/// </summary>
public sealed class JobProgress(
    KefuDbContext db, JobUseCases jobs, PolicyStore policies, CalendarService calendars, VisitUseCases visits, AttachmentStore attachments,
    DispatchSignals signals, TimeProvider clock)
{
    public const string SignatureKind = "Signature";
    public const string PhotoKind = "Photo";

    /// <summary>Accept, set out or arrive. Only the job's technician, or a dispatcher on their behalf.</summary>
    public async Task<JobResult> StepAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, JobAction action, StepInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!canDispatch && job.OwnerId != userId))
        {
            return new JobResult.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 2000);
        Position(problems, input.Latitude, input.Longitude);
        if (!JobLifecycle.Allows(job.State, action) || (action == JobAction.Accept && job.AcceptedAt is not null))
        {
            // A retried tap (the network dropped after the server saved) finds the step done: the same answer.
            if (AlreadyDone(job, action))
            {
                return new JobResult.Ok(job, Replayed: true);
            }

            problems.Add("state", "Job.NotNow");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        switch (action)
        {
            case JobAction.Accept:
                job.AcceptedAt = now;
                break;
            case JobAction.SetOut:
                job.AcceptedAt ??= now;
                job.SetOutAt = now;
                break;
            case JobAction.Arrive:
                job.AcceptedAt ??= now;
                job.SetOutAt ??= now;
                job.ArrivedAt = now;
                break;
        }

        job.State = JobLifecycle.Next(job.State, action)!.Value;
        await jobs.StopAsync(job, action, ct);
        jobs.Event(job, userId, action.ToString(), job.OwnerId, JobUseCases.Trim(input.Note), input.Latitude, input.Longitude);
        if (input.Latitude is { } lat && input.Longitude is { } lon && job.OwnerId is { } owner)
        {
            await ReportPositionAsync(owner, lat, lon, ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>FLD-05: the work done and parts used; CHG-01..04 decide the charge; VIS-03's callback is created.</summary>
    public async Task<JobResult> FinishAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, FinishInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!canDispatch && job.OwnerId != userId))
        {
            return new JobResult.NotFound();
        }

        if (job.State != JobState.Arrived && AlreadyDone(job, JobAction.Finish))
        {
            return new JobResult.Ok(job, Replayed: true);
        }

        var problems = new ProblemBuilder().Required("workDone", input.WorkDone).MaxLength("workDone", input.WorkDone, 4000);
        Position(problems, input.Latitude, input.Longitude);
        JobUseCases.Defined(problems, "issue", input.Issue);
        JobUseCases.Defined(problems, "rating", input.Rating);
        if (!JobLifecycle.Allows(job.State, JobAction.Finish))
        {
            problems.Add("state", "Job.NotNow");
        }

        if ((input.Issue ?? job.Issue) is null)
        {
            problems.Add("issue", "Validation.RequiredHere");
        }

        var parts = input.Parts ?? [];
        var items = await PriceItemsAsync(parts, problems, ct);
        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, job.OrgPath, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        job.Issue = input.Issue ?? job.Issue;
        job.CooperationFormCharged = input.CooperationFormCharged ?? job.CooperationFormCharged;
        job.WorkDone = input.WorkDone!.Trim();
        job.SpotRating = input.Rating;
        job.FinishedAt = now;
        job.State = JobState.Finished;
        job.Stage = null;
        var partsFen = 0L;
        foreach (var part in parts)
        {
            var item = items[part.PriceItemId!.Value];
            var quantity = part.Quantity ?? 1;
            db.Add(new JobPart { JobId = job.Id, PriceItemId = item.Id, Name = item.Name, Quantity = quantity, UnitFen = item.PriceFen });
            partsFen = checked(partsFen + (item.PriceFen * quantity));
        }

        var serviceFen = await db.Set<PriceItem>().AsNoTracking().Where(p => p.Active && p.Kind == PriceItemKind.Service && (p.ForType == job.Type || p.ForType == null))
            .OrderBy(p => p.ForType == null).ThenBy(p => p.Code).Select(p => p.PriceFen).FirstOrDefaultAsync(ct);
        job.PriceListFen = checked(serviceFen + partsFen);
        var decision = Kefu.Core.Field.Charges.Decide(await FactsAsync(job, now, ct), new Money(job.PriceListFen), policy, calendar);
        Apply(job, decision);
        job.FreeSoftwareVisit = decision.Reason == ChargeReason.FreeSoftwareVisit;
        job.Points = policy.PointsByType.GetValueOrDefault(job.Type) + policy.PointsBonusByMode.GetValueOrDefault(job.Mode);
        await jobs.StopAsync(job, JobAction.Finish, ct);
        jobs.Event(job, userId, nameof(JobAction.Finish), job.OwnerId, job.WorkDone, input.Latitude, input.Longitude);
        jobs.Event(job, userId, "Charge", job.OwnerId, decision.Reason.ToString());
        var callback = await visits.CallbackForJobAsync(job.Number, job.CustomerId, job.CustomerName, job.OwnerId!, job.OrgPath, job.CentreId, now, ct);
        await db.SaveChangesAsync(ct);
        job.CallbackId = callback.Id;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>FLD-05: the customer's signature, drawn on the phone (a PNG data URL), kept as an attachment.</summary>
    public async Task<JobResult> SignAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, SignInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!canDispatch && job.OwnerId != userId))
        {
            return new JobResult.NotFound();
        }

        if (job.State is JobState.Signed or JobState.Closed && job.SignedAt is not null)
        {
            return new JobResult.Ok(job, Replayed: true);
        }

        var problems = new ProblemBuilder().Required("signedBy", input.SignedBy).MaxLength("signedBy", input.SignedBy, 100).Required("signature", input.Signature);
        if (!JobLifecycle.Allows(job.State, JobAction.Sign))
        {
            problems.Add("state", "Job.NotNow");
        }

        var png = problems.HasErrors ? null : DataUrl(input.Signature!);
        if (!problems.HasErrors && png is null)
        {
            problems.Add("signature", "Job.SignatureUnreadable");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        using var stream = new MemoryStream(png!);
        var file = new FormFile(stream, 0, png!.Length, "signature", $"{job.Number}-signature.png") { Headers = new HeaderDictionary(), ContentType = "image/png" };
        var (saved, fileProblems) = await attachments.SaveAsync(JobUseCases.RecordType, job.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), SignatureKind, file, userId, ct);
        if (saved is null)
        {
            return new JobResult.Invalid(fileProblems);
        }

        job.SignedBy = input.SignedBy!.Trim();
        job.SignedAt = clock.GetUtcNow().UtcDateTime;
        job.State = JobState.Signed;
        jobs.Event(job, userId, nameof(JobAction.Sign), job.OwnerId, job.SignedBy);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>CHG-03: the engineer records that the customer disputes the charge; the sales decision follows.</summary>
    public async Task<JobResult> DisputeAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, DisputeInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!canDispatch && job.OwnerId != userId))
        {
            return new JobResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("note", input.Note).MaxLength("note", input.Note, 1000);
        if (job.FinishedAt is null || job.State == JobState.Cancelled || job.DisputeDecidedAt is not null)
        {
            problems.Add("state", "Job.NotNow");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        job.DisputedAt = clock.GetUtcNow().UtcDateTime;
        job.DisputeNote = input.Note!.Trim();
        jobs.Event(job, userId, "Dispute", job.OwnerId, job.DisputeNote);
        await db.SaveChangesAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>CHG-03/04: the salesperson's (or sales leadership's) decision, who made it, recorded; the charge follows it.</summary>
    public async Task<JobResult> DecideAsync(ScopeViewer viewer, string userId, bool canDispatch, int id, DecisionInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job || (!canDispatch && job.OwnerId != userId))
        {
            return new JobResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("decidedBy", input.DecidedBy).MaxLength("decidedBy", input.DecidedBy, 100);
        if (input.Charge is null)
        {
            problems.Add("charge", "Validation.RequiredHere");
        }

        if (job.FinishedAt is null || job.State == JobState.Cancelled || (job.DisputedAt is null && job.ChargeReason != ChargeReason.CooperationFormSilent))
        {
            problems.Add("state", "Job.NoDispute");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        Apply(job, Kefu.Core.Field.Charges.Decided(input.Charge!.Value, new Money(job.PriceListFen)));
        job.DisputeDecidedBy = input.DecidedBy!.Trim();
        job.DisputeDecidedAt = clock.GetUtcNow().UtcDateTime;
        job.DisputeRecordedById = userId;
        jobs.Event(job, userId, "Decision", job.OwnerId, job.DisputeDecidedBy);
        await db.SaveChangesAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>FLD-08: an out-of-warranty repair enters its next stage; that stage's clock starts, the last one stops.</summary>
    public async Task<JobResult> StageAsync(ScopeViewer viewer, string userId, int id, StageInput input, CancellationToken ct)
    {
        if (await jobs.FindAsync(viewer, id, ct) is not { } job)
        {
            return new JobResult.NotFound();
        }

        var problems = new ProblemBuilder();
        if (input.Stage is not { } stage || !Enum.IsDefined(stage))
        {
            problems.Add("stage", "Validation.RequiredHere");
        }
        else if (!JobLifecycle.IsOpen(job.State) || job.Type != JobKind.Repair || (job.Stage is { } current && stage <= current))
        {
            problems.Add("stage", "Job.NotNow");
        }

        if (problems.HasErrors)
        {
            return new JobResult.Invalid(problems);
        }

        var policy = await policies.GetAsync<FieldPolicy>(FieldPolicy.Key, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await jobs.StopStageAsync(job, ct);
        job.Stage = input.Stage;
        await jobs.StartAsync(job, JobDeadlines.ForStage(input.Stage!.Value, policy), job.OwnerId, clock.GetUtcNow(), ct);
        jobs.Event(job, userId, "Stage", job.OwnerId, input.Stage.ToString());
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        signals.Changed(job);
        return new JobResult.Ok(job);
    }

    /// <summary>FLD-06: the phone reports where the technician is (with their consent, at set out and arrival).</summary>
    public async Task ReportPositionAsync(string technicianId, double latitude, double longitude, CancellationToken ct)
    {
        var presence = await db.Set<TechnicianPresence>().SingleOrDefaultAsync(p => p.UserId == technicianId, ct);
        if (presence is null)
        {
            presence = new TechnicianPresence { UserId = technicianId };
            db.Add(presence);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        presence.Latitude = latitude;
        presence.Longitude = longitude;
        presence.PositionAt = now;
        presence.UpdatedAt = now;
    }

    private async Task<ChargeFacts> FactsAsync(ServiceJob job, DateTime finishedUtc, CancellationToken ct)
    {
        var devices = await db.Set<JobDevice>().AsNoTracking().Where(d => d.JobId == job.Id).ToListAsync(ct);
        var serviceDate = DateOnly.FromDateTime(CompanyTime.ToLocal(finishedUtc));
        // CHG-02 policy A counts the customer's earlier on-site software visits, free or not.
        var earlier = job.CustomerId is { } customerId
            ? await db.Set<ServiceJob>().AsNoTracking().CountAsync(j => j.CustomerId == customerId && j.Id != job.Id && j.Issue == IssueKind.Software && j.FinishedAt != null, ct)
            : 0;
        var installed = devices.Select(d => d.InstalledOn).Where(d => d is not null).Min();
        if (installed is null && job.CustomerId is { } customer)
        {
            var lastInstall = await db.Set<ServiceJob>().AsNoTracking()
                .Where(j => j.CustomerId == customer && j.Type == JobKind.Install && j.FinishedAt != null && j.Id != job.Id)
                .OrderByDescending(j => j.FinishedAt).Select(j => j.FinishedAt).FirstOrDefaultAsync(ct);
            installed = lastInstall is { } at ? DateOnly.FromDateTime(CompanyTime.ToLocal(at)) : null;
        }

        return new ChargeFacts(job.Issue!.Value, serviceDate, devices.Select(d => d.WarrantyEnd).Where(d => d is not null).Min(), earlier, installed, job.CooperationFormCharged);
    }

    private static void Apply(ServiceJob job, ChargeDecision decision)
    {
        job.Charged = decision.Charged;
        job.ChargeReason = decision.Reason;
        job.ChargeFen = decision.Amount.Fen;
    }

    private async Task<Dictionary<int, PriceItem>> PriceItemsAsync(IReadOnlyList<PartInput> parts, ProblemBuilder problems, CancellationToken ct)
    {
        if (parts.Count > 100)
        {
            problems.Add("parts", "Validation.InvalidHere");
            return [];
        }

        var ids = parts.Where(p => p?.PriceItemId is not null).Select(p => p.PriceItemId!.Value).Distinct().ToArray();
        var items = await db.Set<PriceItem>().AsNoTracking().Where(p => ids.Contains(p.Id) && p.Active && p.Kind == PriceItemKind.Part).ToDictionaryAsync(p => p.Id, ct);
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i] is not { PriceItemId: { } itemId } part || !items.ContainsKey(itemId))
            {
                problems.Add($"parts[{i}].priceItemId", "Job.UnknownPart");
            }
            else if (part.Quantity is < 1 or > 1000)
            {
                problems.Add($"parts[{i}].quantity", "Validation.InvalidHere");
            }
        }

        return items;
    }

    private static void Position(ProblemBuilder problems, double? latitude, double? longitude) =>
        CheckPosition(problems, "latitude", "longitude", latitude, longitude);

    /// <summary>A position is both numbers or neither; each is named when it is out of range or missing.</summary>
    internal static void CheckPosition(ProblemBuilder problems, string latitudeField, string longitudeField, double? latitude, double? longitude)
    {
        if (latitude is { } la && (double.IsNaN(la) || la is < -90 or > 90) || (latitude is null && longitude is not null))
        {
            problems.Add(latitudeField, "Job.InvalidPosition");
        }

        if (longitude is { } lo && (double.IsNaN(lo) || lo is < -180 or > 180) || (longitude is null && latitude is not null))
        {
            problems.Add(longitudeField, "Job.InvalidPosition");
        }
    }

    private static bool AlreadyDone(ServiceJob job, JobAction action) => action switch
    {
        JobAction.Accept => job.AcceptedAt is not null && job.State != JobState.Cancelled,
        JobAction.SetOut => job.State is JobState.SetOut or JobState.Arrived or JobState.Finished or JobState.Signed or JobState.Closed,
        JobAction.Arrive => job.State is JobState.Arrived or JobState.Finished or JobState.Signed or JobState.Closed,
        JobAction.Finish => job.State is JobState.Finished or JobState.Signed or JobState.Closed,
        _ => false,
    };

    /// <summary>A "data:image/png;base64,…" URL (or bare base64) to its bytes; null when it is not a PNG.</summary>
    internal static byte[]? DataUrl(string text)
    {
        var comma = text.IndexOf(',', StringComparison.Ordinal);
        var payload = text.StartsWith("data:", StringComparison.Ordinal) ? (comma < 0 ? "" : text[(comma + 1)..]) : text;
        var buffer = new byte[payload.Length];
        if (!Convert.TryFromBase64String(payload.Trim(), buffer, out var written) || written < 8)
        {
            return null;
        }

        var bytes = buffer.AsSpan(0, written);
        return bytes[..8].SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? bytes.ToArray() : null;
    }
}
