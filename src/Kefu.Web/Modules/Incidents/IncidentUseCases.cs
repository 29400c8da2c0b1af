using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Incidents;

public sealed record IncidentInput(
    IncidentType? Type, IncidentSource? Source, int? CustomerId, string? CustomerName, string? OrderReference, string? Summary, string? Details,
    DateTimeOffset? ReceivedAt, string? PhoneCallTo, DateTimeOffset? PhoneCallAt, decimal? DamageYuan, bool? CompensatedOnSpot, bool? SendReport, bool? Major = null,
    string? SubjectUserId = null, string? SubjectName = null);

/// <summary>EXC-11: flagging an incident major; the reason is optional and lands on the timeline.</summary>
public sealed record MajorInput(string? Reason);

public sealed record NoteInput(string? Text);

/// <summary>EXC-07/08: QC's finding; each reporting violation found (concealed 瞒报, false 虚报, late 报告不及时) is fined.</summary>
public sealed record InvestigationInput(string? Finding, bool? Concealed, decimal? CostsYuan, bool? Falsified = null, bool? ReportedLate = null);

public sealed record PlanDecisionInput(ApprovalAction? Action, string? Comment);

public abstract record IncidentResult
{
    public sealed record Ok(Incident Incident) : IncidentResult;
    public sealed record Invalid(ProblemBuilder Problems) : IncidentResult;
    public sealed record NotFound : IncidentResult;
    public sealed record Forbidden : IncidentResult;
}

/// <summary>
/// EXC-01..08: recording an incident starts its two clocks (the email report, EXC-02/EXC-04, and
/// the reply promised to the customer, EXC-05); the report goes by email to the recipients its
/// source names; QC investigates; the corrective-action plan runs through the approval engine.
/// Every step lands on the incident's timeline.
/// </summary>
public sealed class IncidentUseCases(
    KefuDbContext db, CustomerUseCases customers, PolicyStore policies, CalendarService calendars, SlaService sla, Notifier notifier,
    IncidentRecipients recipients, ApprovalService approvals, ApprovalChains chains, NumberSequences sequences, TimeProvider clock,
    Training.Contracts.IOnDutyGate duty, ComplaintArchiveUseCases archive, IncidentFindingsWriter findings)
{
    public const string SubjectType = "Incident";

    /// <summary>Incidents are numbered in one company-wide sequence: I000001, I000002…</summary>
    public const string NumberSequence = "Incident";

    public static string FormatNumber(long number) => $"I{number:D6}";
    public const string ReportRule = "EXC-02";
    public const string ReplyRule = "EXC-05";

    public async Task<IncidentResult> RecordAsync(ScopeViewer viewer, string userId, IncidentInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        problems.Required("summary", input.Summary).MaxLength("summary", input.Summary, 200).MaxLength("details", input.Details, 4000)
            .MaxLength("customerName", input.CustomerName, 200).MaxLength("orderReference", input.OrderReference, 64).MaxLength("phoneCallTo", input.PhoneCallTo, 100);
        if (input.Type is not { } type || !Enum.IsDefined(type))
        {
            problems.Add("type", "Validation.RequiredHere");
        }

        if (input.Source is { } source && !Enum.IsDefined(source))
        {
            problems.Add("source", "Validation.UnknownStatus");
        }

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

        var now = clock.GetUtcNow();
        var received = input.ReceivedAt ?? now;
        if (received > now.AddMinutes(1))
        {
            problems.Add("receivedAt", "Validation.NotInFuture");
        }

        if (input.DamageYuan is < 0 or > 100_000_000m || (input.DamageYuan is { } d && decimal.Round(d, 2) != d))
        {
            problems.Add("damageYuan", "Validation.InvalidHere");
        }

        // VIS-04: the person the complaint is about, a staff member or an outside name.
        await archive.CheckSubjectAsync(input.SubjectUserId, input.SubjectName, problems, ct);
        var centre = await customers.CentreAsync(viewer, null, userId, problems, ct);
        // TRN-04: the one who records an incident owns it, so a person not yet on duty cannot take one.
        await duty.RefuseUnlessOnDutyAsync(userId, "ownerId", problems, ct);
        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        var policy = await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, centre!.Path, ct);
        var report = IncidentReporting.EmailReportDue(received, calendar, policy);

        // EXC-04: outside working time the responsible leader is phoned first, and the call is logged.
        if (report.OutsideWorkingTime)
        {
            problems.Required("phoneCallTo", input.PhoneCallTo);
            if (input.PhoneCallAt is null)
            {
                problems.Add("phoneCallAt", "Incident.PhoneCallRequired");
            }
        }

        DamageDecision? damage = null;
        if (input.DamageYuan is { } yuan)
        {
            damage = DamageCompensation.Decide(Money.FromYuan(yuan), policy);
            if (input.CompensatedOnSpot == true && !damage.CompensateOnSpot)
            {
                problems.Add("compensatedOnSpot", "Incident.BeyondAuthority", policy.AgentCompensationAuthority.Yuan.ToString("0.00", CultureInfo.InvariantCulture));
            }
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        var reply = IncidentReporting.ReplyDue(received, policy);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var incident = new Incident
        {
            Number = FormatNumber(await sequences.NextAsync(NumberSequence, NumberSequences.CompanyWide, ct)), Type = input.Type!.Value, Source = input.Source ?? IncidentSource.ReceivedComplaint,
            CustomerId = customer?.Id, CustomerName = customer?.Name ?? input.CustomerName!.Trim(), OrderReference = Trim(input.OrderReference),
            Summary = input.Summary!.Trim(), Details = Trim(input.Details), ReceivedAt = received.UtcDateTime, OwnerId = userId, OrgPath = centre.Path, CentreId = centre.Id,
            OutsideWorkingTime = report.OutsideWorkingTime, PhoneCallTo = Trim(input.PhoneCallTo), PhoneCallAt = input.PhoneCallAt?.UtcDateTime,
            EmailDueAt = report.DueAt.UtcDateTime, ReplyTargetAt = reply.TargetAt.UtcDateTime, ReplyPromiseAt = reply.PromiseAt.UtcDateTime,
            DamageFen = input.DamageYuan is { } fen ? Money.FromYuan(fen).Fen : null, CompensatedOnSpot = input.CompensatedOnSpot == true,
            Status = IncidentStatus.Open, CreatedAt = now.UtcDateTime, SubjectUserId = Trim(input.SubjectUserId), SubjectName = Trim(input.SubjectName),
        };
        db.Add(incident);
        await db.SaveChangesAsync(ct);
        var key = Key(incident);
        Event(incident, userId, "Received", $"{incident.Summary}");
        if (incident.PhoneCallAt is not null)
        {
            Event(incident, userId, "PhoneCall", incident.PhoneCallTo, incident.PhoneCallAt);
        }

        var link = $"/incidents/{incident.Id}";
        var reportMinutes = Math.Max(1, (int)Math.Ceiling((report.DueAt - received).TotalMinutes));
        await sla.StartAsync(new StartTimer(nameof(Incident), key, ReportRule, Kefu.Web.Platform.Localization.LocalText.Of("SlaName.IncidentReport", incident.Number).Store(200), SlaTarget.Minutes(reportMinutes), userId, incident.OrgPath,
            [EscalationTarget.ForRole(Role.CsManager)], StartAt: received, Link: link), ct);
        var (promise, warning) = IncidentReporting.ReplyTimer(policy);
        await sla.StartAsync(new StartTimer(nameof(Incident), key, ReplyRule, Kefu.Web.Platform.Localization.LocalText.Of("SlaName.IncidentReply", incident.Number).Store(200), promise, userId, incident.OrgPath,
            [EscalationTarget.ForRole(Role.CsDirector)], warning, StartAt: received, Link: link), ct);
        if (damage is { Notify.Count: > 0 } || damage is { NeedsCsDirector: true })
        {
            var notify = damage.Notify.Concat(damage.NeedsCsDirector ? [policy.EscalationRole] : []).Distinct().ToArray();
            await notifier.EnqueueAsync(new NotificationRequest("IncidentDamage", await recipients.UserIdsAsync(notify, incident.OrgPath, ct),
                [incident.Number, incident.CustomerName, new Money(incident.DamageFen!.Value).Yuan.ToString("0.00", CultureInfo.InvariantCulture)], link, nameof(Incident), key), ct);
            Event(incident, userId, "DamageNotified", Roles(notify));
        }

        if (input.Major == true)
        {
            await MarkMajorAsync(incident, userId, null, ct);
        }

        await db.SaveChangesAsync(ct);
        if (input.SendReport != false)
        {
            await SendReportAsync(incident, userId, policy, ct);
        }

        await tx.CommitAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>EXC-02/03: the email report to the recipients of the incident's source; it stops the report clock.</summary>
    public async Task<IncidentResult> ReportAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        if (incident.EmailSentAt is not null)
        {
            return new IncidentResult.Invalid(new ProblemBuilder().Add("id", "Incident.AlreadyReported"));
        }

        await SendReportAsync(incident, userId, await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct), ct);
        return new IncidentResult.Ok(incident);
    }

    private async Task SendReportAsync(Incident incident, string userId, IncidentPolicy policy, CancellationToken ct)
    {
        var roles = IncidentReporting.ReportRecipients(incident.Source, policy);
        var people = await recipients.UserIdsAsync(roles, incident.OrgPath, ct);
        var agent = await db.Users.AsNoTracking().Where(u => u.Id == incident.OwnerId).Select(u => u.DisplayName).SingleAsync(ct);
        await notifier.EnqueueAsync(new NotificationRequest("IncidentReport", people,
            [incident.Number, incident.CustomerName, incident.Summary, incident.Details ?? "", CompanyTime.Format(incident.ReceivedAt), agent,
             incident.OutsideWorkingTime ? $"{incident.PhoneCallTo} {CompanyTime.Format(incident.PhoneCallAt)}" : "—"],
            $"/incidents/{incident.Id}", nameof(Incident), Key(incident)), ct);
        incident.EmailSentAt = clock.GetUtcNow().UtcDateTime;
        await sla.StopAsync(nameof(Incident), Key(incident), ReportRule, ct);
        Event(incident, userId, "Reported", Roles(roles));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>EXC-05: the first reply to the customer stops the promise clock; later ones are progress.</summary>
    public async Task<IncidentResult> ReplyAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct) =>
        await NoteAsync(viewer, userId, id, input, async incident =>
        {
            if (incident.RepliedAt is null)
            {
                incident.RepliedAt = clock.GetUtcNow().UtcDateTime;
                await sla.StopAsync(nameof(Incident), Key(incident), ReplyRule, ct);
                return "Replied";
            }

            return "Progress";
        }, ct);

    /// <summary>EXC-05: a progress update to the customer, kept on the timeline.</summary>
    public async Task<IncidentResult> ProgressAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct) =>
        await NoteAsync(viewer, userId, id, input, _ => Task.FromResult("Progress"), ct);

    /// <summary>EXC-05: a matter beyond the agent's authority goes to the CS director.</summary>
    public async Task<IncidentResult> EscalateAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct) =>
        await NoteAsync(viewer, userId, id, input, async incident =>
        {
            var policy = await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct);
            incident.Escalated = true;
            await notifier.EnqueueAsync(new NotificationRequest("IncidentEscalated", await recipients.UserIdsAsync([policy.EscalationRole], incident.OrgPath, ct),
                [incident.Number, incident.CustomerName, input.Text ?? ""], $"/incidents/{incident.Id}", nameof(Incident), Key(incident)), ct);
            return "Escalated";
        }, ct);

    /// <summary>
    /// EXC-07/08: QC records its investigation. A report found concealed or falsified writes fine
    /// entries for the agent and their supervisor (the costs arising shared by policy).
    /// </summary>
    public async Task<IncidentResult> InvestigateAsync(ScopeViewer viewer, string userId, int id, InvestigationInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("finding", input.Finding).MaxLength("finding", input.Finding, 4000);
        if (input.CostsYuan is < 0 or > 100_000_000m)
        {
            problems.Add("costsYuan", "Validation.InvalidHere");
        }

        if (incident.Status is IncidentStatus.Closed)
        {
            problems.Add("finding", "Incident.Closed");
        }

        // EXC-08: a report made on time exempts the agent from a late-report finding.
        if (input.ReportedLate == true && IncidentFines.Refusal(IncidentFineReason.LateReport, findings.ReportedOnTime(incident)) is { } refusal)
        {
            problems.Add("reportedLate", "Incident.Finding." + refusal);
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        incident.QcFinding = input.Finding!.Trim();
        if (incident.Status == IncidentStatus.Open)
        {
            incident.Status = IncidentStatus.Investigating;
        }

        Event(incident, userId, "Investigation", incident.QcFinding);
        var found = new List<IncidentFineReason>();
        if (input.Concealed == true && !incident.Concealed)
        {
            incident.Concealed = true;
            found.Add(IncidentFineReason.ConcealedReport);
        }

        if (input.Falsified == true && !incident.Falsified)
        {
            incident.Falsified = true;
            found.Add(IncidentFineReason.FalsifiedReport);
        }

        if (input.ReportedLate == true && !incident.ReportedLate)
        {
            incident.ReportedLate = true;
            found.Add(IncidentFineReason.LateReport);
        }

        await findings.WriteAsync(incident, found, Money.FromYuan(input.CostsYuan ?? 0m), await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct), userId, ct);
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>EXC-07: the project or department manager writes the corrective-action plan; it goes to the CS director and the VP.</summary>
    public async Task<IncidentResult> SubmitPlanAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("text", input.Text).MaxLength("text", input.Text, 4000);
        if (incident.Status != IncidentStatus.Investigating)
        {
            problems.Add("text", "Incident.PlanNeedsInvestigation");
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        incident.CorrectivePlan = input.Text!.Trim();
        incident.Status = IncidentStatus.PlanInApproval;
        Event(incident, userId, "PlanSubmitted", incident.CorrectivePlan);
        await db.SaveChangesAsync(ct);
        var chain = await chains.GetAsync(CorrectiveActionPlan.DefaultChain(await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct)), ct);
        var outcome = await approvals.SubmitAsync(new SubmitApproval(chain, SubjectType, Key(incident), Kefu.Web.Platform.Localization.LocalText.Of("ApprovalTitle.IncidentPlan", incident.Number, incident.CustomerName).Store(300), userId,
            incident.OrgPath, new Dictionary<string, decimal>(), $"/incidents/{incident.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new IncidentResult.Invalid(new ProblemBuilder().Add("text", "Expense.NoApprover", missing.StepKey, missing.Role));
        }

        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>EXC-07: the CS director or the VP decides on the plan at their step.</summary>
    public async Task<(IncidentResult Result, ApprovalOutcome? Outcome)> DecidePlanAsync(ScopeViewer viewer, string userId, int id, PlanDecisionInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return (new IncidentResult.NotFound(), null);
        }

        if (input.Action is not (ApprovalAction.Approve or ApprovalAction.Reject or ApprovalAction.Return))
        {
            return (new IncidentResult.Invalid(new ProblemBuilder().Add("action", "Validation.RequiredHere")), null);
        }

        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, Key(incident), ct);
        if (instance is null || instance.CurrentStepKey is null)
        {
            return (new IncidentResult.Invalid(new ProblemBuilder().Add("action", "Incident.NoPlanInApproval")), null);
        }

        var chain = await chains.GetAsync(CorrectiveActionPlan.DefaultChain(await policies.GetAsync<IncidentPolicy>(IncidentPolicy.Key, ct)), ct);
        var outcome = await approvals.ActAsync(chain, new ApprovalDecision(instance.Id, instance.CurrentStepKey, input.Action.Value, Trim(input.Comment)), userId, ct);
        return (new IncidentResult.Ok(incident), outcome);
    }

    /// <summary>EXC-07: the approved plan is sent to the customer.</summary>
    public async Task<IncidentResult> SendPlanAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        if (incident.Status != IncidentStatus.PlanApproved)
        {
            return new IncidentResult.Invalid(new ProblemBuilder().Add("id", "Incident.PlanNotApproved"));
        }

        incident.PlanSentAt = clock.GetUtcNow().UtcDateTime;
        Event(incident, userId, "PlanSent", incident.CustomerName);
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    public async Task<IncidentResult> CloseAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        if (incident.Status == IncidentStatus.PlanInApproval)
        {
            return new IncidentResult.Invalid(new ProblemBuilder().Add("id", "Incident.PlanPending"));
        }

        incident.Status = IncidentStatus.Closed;
        incident.ClosedAt = clock.GetUtcNow().UtcDateTime;
        await sla.StopAsync(nameof(Incident), Key(incident), null, ct);
        Event(incident, userId, "Closed", Trim(input.Text));
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>
    /// EXC-11: flags the incident a major complaint (by the roles that record incidents, the CS
    /// manager and director among them) and tells the regional manager of its region, who follows
    /// it up personally (<see cref="FollowUpMajorAsync"/>).
    /// </summary>
    public async Task<IncidentResult> FlagMajorAsync(ScopeViewer viewer, string userId, int id, MajorInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("reason", input.Reason, 2000);
        foreach (var refusal in MajorComplaints.RefusalsToFlag(incident.Major, incident.Status == IncidentStatus.Closed))
        {
            problems.Add("major", "Incident.Major." + refusal);
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await MarkMajorAsync(incident, userId, Trim(input.Reason), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>EXC-11: the regional manager's follow-up of a major complaint, on the incident's timeline.</summary>
    public async Task<IncidentResult> FollowUpMajorAsync(ScopeViewer viewer, string userId, int id, NoteInput input, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("text", input.Text, 4000);
        foreach (var refusal in MajorComplaints.RefusalsToFollowUp(incident.Major, incident.Status == IncidentStatus.Closed, input.Text))
        {
            problems.Add(refusal == MajorComplaintRefusal.FollowUpMissing ? "text" : "major", "Incident.Major." + refusal);
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        Event(incident, userId, MajorFollowUpKind, input.Text!.Trim());
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>The timeline kinds of EXC-11.</summary>
    public const string MajorFlaggedKind = "MajorFlagged";

    public const string MajorFollowUpKind = "MajorFollowUp";

    private async Task MarkMajorAsync(Incident incident, string userId, string? reason, CancellationToken ct)
    {
        incident.Major = true;
        incident.MajorAt = clock.GetUtcNow().UtcDateTime;
        incident.MajorByUserId = userId;
        Event(incident, userId, MajorFlaggedKind, reason);
        // The branch is the region: its GM is the regional manager (MajorComplaints.RegionalManager).
        var managers = await recipients.UserIdsAsync([MajorComplaints.RegionalManager.ToString()], incident.OrgPath, ct);
        await notifier.EnqueueAsync(new NotificationRequest("IncidentMajor", managers,
            [incident.Number, incident.CustomerName, incident.Summary, reason ?? ""], $"/incidents/{incident.Id}", nameof(Incident), Key(incident)), ct);
    }

    internal void Event(Incident incident, string? actorId, string kind, string? text, DateTime? at = null) =>
        db.Add(new IncidentEvent { IncidentId = incident.Id, At = at ?? clock.GetUtcNow().UtcDateTime, ActorId = actorId, Kind = kind, Text = text });

    /// <summary>A role key as people read it: the role's name where it is a role, the key otherwise.</summary>
    /// <summary>Roles named in the reader's language when the timeline is read.</summary>
    private static string Roles(IEnumerable<string> keys) =>
        Kefu.Web.Platform.Localization.LocalText.Of("IncidentText.Roles",
            Kefu.Web.Platform.Localization.LocalList.Of(keys.Select(k => Enum.TryParse<Role>(k, out _) ? Kefu.Web.Platform.Localization.LocalText.Of("Role." + k) : (object)k))).Store();

    internal static string Key(Incident incident) => incident.Id.ToString(CultureInfo.InvariantCulture);

    private async Task<IncidentResult> NoteAsync(ScopeViewer viewer, string userId, int id, NoteInput input, Func<Incident, Task<string>> apply, CancellationToken ct)
    {
        if (await FindAsync(viewer, id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var problems = new ProblemBuilder().Required("text", input.Text).MaxLength("text", input.Text, 4000);
        if (incident.Status == IncidentStatus.Closed)
        {
            problems.Add("text", "Incident.Closed");
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        var kind = await apply(incident);
        Event(incident, userId, kind, input.Text!.Trim());
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    private async Task<Incident?> FindAsync(ScopeViewer viewer, int id, CancellationToken ct) =>
        await db.Set<Incident>().VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == id, ct);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>Role keys of the incident rules → the people: company roles anywhere, centre roles above the incident, and the dispatch and freight centres by their units.</summary>
public sealed class IncidentRecipients(KefuDbContext db)
{
    public async Task<IReadOnlyList<string>> UserIdsAsync(IEnumerable<string> roleKeys, string orgPath, CancellationToken ct)
    {
        var ids = new List<string>();
        foreach (var key in roleKeys.Distinct())
        {
            if (key is IncidentRoleKeys.DispatchManager or IncidentRoleKeys.FreightCentre)
            {
                var function = key == IncidentRoleKeys.DispatchManager ? DepartmentFunction.Dispatch : DepartmentFunction.FreightCentre;
                ids.AddRange(await db.Users.AsNoTracking().Where(u => u.Status == StaffStatus.Active && db.OrgUnits.Any(o => o.Id == u.OrgUnitId && o.Function == function))
                    .Select(u => u.Id).ToListAsync(ct));
                continue;
            }

            // The project manager (工程经理) of a centre is its supervisor in Kefu's roles.
            var role = key == IncidentRoleKeys.ProjectManager ? Role.CentreSupervisor : Enum.TryParse<Role>(key, out var r) ? r : (Role?)null;
            if (role is null)
            {
                continue;
            }

            var holders = await db.Users.AsNoTracking().ActiveHolding(db, role.Value)
                .Select(u => new { u.Id, u.OrgPath }).ToListAsync(ct);

            // A company-wide role is anyone holding it; a centre or branch role is the holder at or above the incident.
            ids.AddRange(ScopePolicy.Default.ScopeFor([role.Value]) is DataScope.Company
                ? holders.Select(h => h.Id)
                : holders.Where(h => OrgPath.IsWithin(orgPath, h.OrgPath)).Select(h => h.Id));
        }

        return ids.Distinct().ToArray();
    }
}

/// <summary>The incident's part in the EXC-07 chain: the plan's status follows the approvals.</summary>
internal sealed class IncidentApprovalHandler(KefuDbContext db, TimeProvider clock) : IApprovalSubjectHandler
{
    public string SubjectType => IncidentUseCases.SubjectType;

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var incident = await db.Set<Incident>().SingleAsync(i => i.Id == int.Parse(subjectId, CultureInfo.InvariantCulture), ct);
        if (decision is not null)
        {
            db.Add(new IncidentEvent
            {
                IncidentId = incident.Id, At = clock.GetUtcNow().UtcDateTime, ActorId = actorId, Kind = "Plan" + decision.Action,
                Text = (decision.Comment is null
                    ? Kefu.Web.Platform.Localization.LocalText.Of("IncidentText.Step", Kefu.Web.Platform.Localization.LocalText.Of("Step." + decision.StepKey))
                    : Kefu.Web.Platform.Localization.LocalText.Of("IncidentText.StepComment", Kefu.Web.Platform.Localization.LocalText.Of("Step." + decision.StepKey), decision.Comment)).Store(),
            });
        }

        incident.Status = status switch
        {
            ApprovalStatus.Approved => IncidentStatus.PlanApproved,
            ApprovalStatus.Rejected or ApprovalStatus.Returned => IncidentStatus.Investigating,
            _ => IncidentStatus.PlanInApproval,
        };
        await db.SaveChangesAsync(ct);
    }
}
