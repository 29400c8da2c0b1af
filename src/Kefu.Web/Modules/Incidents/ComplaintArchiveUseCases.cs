using Kefu.Core.Incidents;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Performance.Contracts;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Incidents;

/// <summary>EXC-10: the callback to the complainant after handling; who called is the caller.</summary>
public sealed record CallbackInput(DateTimeOffset? CalledAt, bool? Satisfied, string? Text);

/// <summary>
/// The complaint archive (投诉处理档案, EXC-10): the person a complaint names (VIS-04) and the callback
/// to the complainant after handling, each on the incident's timeline.
/// </summary>
public sealed class ComplaintArchiveUseCases(KefuDbContext db, TimeProvider clock)
{
    public const string CallbackKind = "Callback";

    /// <summary>EXC-10: records the callback (when, satisfied or not, what the complainant said) on the incident and its timeline.</summary>
    public async Task<IncidentResult> CallBackAsync(ScopeViewer viewer, string userId, int id, CallbackInput input, CancellationToken ct)
    {
        if (await db.Set<Incident>().VisibleTo(viewer).SingleOrDefaultAsync(i => i.Id == id, ct) is not { } incident)
        {
            return new IncidentResult.NotFound();
        }

        var now = clock.GetUtcNow();
        var calledAt = input.CalledAt ?? now;
        var problems = new ProblemBuilder().MaxLength("text", input.Text, 2000);
        if (calledAt > now.AddMinutes(1))
        {
            problems.Add("calledAt", "Validation.NotInFuture");
        }

        foreach (var refusal in ComplaintArchive.RefusalsToCallBack(incident.Status == IncidentStatus.Closed, incident.PlanSentAt is not null, input.Satisfied,
                     calledAt, new DateTimeOffset(incident.ReceivedAt, TimeSpan.Zero)))
        {
            problems.Add(refusal switch
            {
                ComplaintArchiveRefusal.SatisfactionMissing => "satisfied",
                ComplaintArchiveRefusal.BeforeReceived => "calledAt",
                _ => "id",
            }, "Incident.Archive." + refusal);
        }

        if (problems.HasErrors)
        {
            return new IncidentResult.Invalid(problems);
        }

        var note = string.IsNullOrWhiteSpace(input.Text) ? null : input.Text.Trim();
        incident.CallbackAt = calledAt.UtcDateTime;
        incident.CallbackByUserId = userId;
        incident.CallbackSatisfied = input.Satisfied!.Value;
        incident.CallbackNote = note;
        var outcome = LocalText.Of(input.Satisfied.Value ? "IncidentText.CallbackSatisfied" : "IncidentText.CallbackDissatisfied");
        db.Add(new IncidentEvent
        {
            IncidentId = incident.Id, At = incident.CallbackAt.Value, ActorId = userId, Kind = CallbackKind,
            Text = (note is null ? outcome : LocalText.Of("IncidentText.CallbackNote", outcome, note)).Store(),
        });
        await db.SaveChangesAsync(ct);
        return new IncidentResult.Ok(incident);
    }

    /// <summary>VIS-04: the staff member a complaint names must be one of Kefu's active staff.</summary>
    public async Task CheckSubjectAsync(string? staffId, string? outsideName, ProblemBuilder problems, CancellationToken ct)
    {
        problems.MaxLength("subjectUserId", staffId, 450).MaxLength("subjectName", outsideName, 100);
        foreach (var refusal in ComplaintArchive.RefusalsToName(staffId, outsideName))
        {
            problems.Add("subjectName", "Incident.Archive." + refusal);
        }

        if (!string.IsNullOrWhiteSpace(staffId) && staffId.Length <= 450
            && !await db.Users.AsNoTracking().AnyAsync(u => u.Id == staffId && u.Status == StaffStatus.Active, ct))
        {
            problems.Add("subjectUserId", "Incident.Archive.UnknownStaff");
        }
    }
}

/// <summary>
/// EXC-08: QC's reporting findings (late, concealed, false) as fines for the agent and the supervisor
/// in the penalty ledger (PERF-06), and a line on the timeline naming who was fined how much.
/// </summary>
public sealed class IncidentFindingsWriter(KefuDbContext db, IncidentRecipients recipients, IPenaltyLedger ledger, TimeProvider clock)
{
    /// <summary>The timeline kind and ledger reason of each finding.</summary>
    public static (string Kind, string Reason) Names(IncidentFineReason reason) => reason switch
    {
        IncidentFineReason.LateReport => ("LateReport", "IncidentLateReport"),
        IncidentFineReason.FalsifiedReport => ("FalseReport", "IncidentFalseReport"),
        _ => ("Concealment", "IncidentConcealed"),
    };

    /// <summary>
    /// Writes the findings' fines. The costs arising are charged once, with the first finding; each
    /// finding adds its own fixed fines. A late-report finding on a report sent on time writes nothing.
    /// </summary>
    public async Task WriteAsync(Incident incident, IReadOnlyList<IncidentFineReason> reasons, Money costs, IncidentPolicy policy, string userId, CancellationToken ct)
    {
        if (reasons.Count == 0)
        {
            return;
        }

        var supervisors = await recipients.UserIdsAsync([nameof(Role.CentreSupervisor)], incident.OrgPath, ct);
        var supervisor = supervisors.Count > 0 ? supervisors[0] : null;
        var onTime = ReportedOnTime(incident);
        var first = true;
        foreach (var reason in reasons)
        {
            var fines = IncidentFines.ForFinding(reason, incident.OwnerId, supervisor, first ? costs : Money.Zero, onTime, policy);
            first = false;
            if (fines.Count == 0)
            {
                continue;
            }

            var (kind, ledgerReason) = Names(reason);
            var key = IncidentUseCases.Key(incident);
            // A fine is a negative ledger amount (PERF-06), like every other module's.
            await ledger.RecordAsync(fines.Select(f => new LedgerLine(f.PersonId, f.RuleId, ledgerReason, -f.Amount.Yuan, nameof(Incident), key)), userId, ct);
            // People by their names, never their ids.
            var fined = fines.Select(f => f.PersonId).Distinct().ToArray();
            var names = await db.Users.AsNoTracking().Where(u => fined.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            db.Add(new IncidentEvent
            {
                IncidentId = incident.Id, At = clock.GetUtcNow().UtcDateTime, ActorId = userId, Kind = kind,
                Text = LocalText.Of("IncidentText.Roles", LocalList.Of(
                    fines.Select(f => (object)LocalText.Of("IncidentText.Fine", names.GetValueOrDefault(f.PersonId, Shown.Nothing), f.Amount.ToString())))).Store(),
            });
        }
    }

    /// <summary>EXC-08: whether the incident's email report went out on time (one not sent yet is on time until due).</summary>
    public bool ReportedOnTime(Incident incident) =>
        IncidentFines.ReportedOnTime(new DateTimeOffset(incident.EmailDueAt, TimeSpan.Zero),
            incident.EmailSentAt is { } sent ? new DateTimeOffset(sent, TimeSpan.Zero) : null, clock.GetUtcNow());
}
