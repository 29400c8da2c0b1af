using Kefu.Core.Approvals;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Approvals;

/// <summary>
/// APR-01 for every module: runs the pure engine over stored instances, keeps the history, starts
/// each step's deadline as an SLA timer, and tells the next approver or the submitter.
/// </summary>
public sealed class ApprovalService(
    KefuDbContext db, ApproverResolver resolver, SlaService sla, Notifier notifier, TimeProvider clock,
    IEnumerable<IApprovalSubjectHandler> handlers)
{
    public const string TimerRecordType = "Approval";

    /// <summary>The name of a step's deadline: the approval's title and the step, each in the reader's words.</summary>
    public const string StepTimerName = "SlaName.ApprovalStep";

    /// <summary>
    /// The step a deadline of <see cref="TimerRecordType"/> measures, read from the keys its name was
    /// written with ("Step.auditor" → "auditor"); deadlines started before names were keys ended in "· step".
    /// </summary>
    public static string? StepKeyOf(Kefu.Web.Platform.Sla.SlaTimer timer)
    {
        if (Kefu.Web.Platform.Localization.LocalText.TryParse(timer.Name, out var name))
        {
            return name is { Key: StepTimerName, Args: [_, Kefu.Web.Platform.Localization.LocalText { Key: var step }] } && step.StartsWith("Step.", StringComparison.Ordinal)
                ? step["Step.".Length..] : null;
        }

        var at = timer.Name.LastIndexOf("· ", StringComparison.Ordinal);
        return at < 0 ? null : timer.Name[(at + 2)..].Trim();
    }

    public async Task<ApprovalOutcome> SubmitAsync(SubmitApproval request, CancellationToken ct)
    {
        var resolve = Named(await resolver.ForSubjectAsync(request.SubjectOrgPath, request.SubmitterId, ct),
            await Handler(request.SubjectType).NamedApproversAsync(request.SubjectId, ct));
        var now = clock.GetUtcNow();
        var state = ApprovalEngine.Submit(request.Chain, request.SubmitterId, request.Facts, resolve, now, request.Comment);
        foreach (var key in state.StepKeys)
        {
            var step = request.Chain.Steps.Single(s => s.Key == key);
            if (resolve(step) is null)
            {
                return new ApprovalOutcome.NoApprover(key, step.Role.ToString());
            }
        }

        var instance = new ApprovalInstance
        {
            ChainKey = request.Chain.Key, SubjectType = request.SubjectType, SubjectId = request.SubjectId, Title = request.Title,
            SubmitterId = request.SubmitterId, OrgPath = request.SubjectOrgPath, SubmittedAt = now.UtcDateTime, Link = request.Link,
        };
        Apply(instance, state);
        db.Add(instance);
        await db.SaveChangesAsync(ct);
        AddHistory(instance.Id, state.History);
        await EnterStepAsync(instance, request.Chain, now, ct);
        await Handler(instance.SubjectType).OnChangedAsync(instance.SubjectId, instance.Status, instance.CurrentStepKey, null, request.SubmitterId, ct);
        return new ApprovalOutcome.Done(instance.Id, instance.Status, instance.CurrentStepKey);
    }

    public async Task<ApprovalOutcome> ActAsync(ApprovalChain chain, ApprovalDecision decision, string actorId, CancellationToken ct)
    {
        var instance = await db.Set<ApprovalInstance>().SingleOrDefaultAsync(i => i.Id == decision.InstanceId, ct);
        if (instance is null)
        {
            return new ApprovalOutcome.NotFound();
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.ToOffset(TimeSpan.FromHours(8)).DateTime);
        var delegations = await db.Set<ApprovalDelegation>().AsNoTracking()
            .Where(d => d.DeputyId == actorId).Select(d => new Delegation(d.DelegatorId, d.DeputyId, d.From, d.To)).ToListAsync(ct);
        var state = ToState(instance);
        if (decision.Action == ApprovalAction.Approve && instance.StepStartedAt is { } opens && SlaService.Utc(opens) > now
            && ApprovalEngine.MayAct(state, actorId, delegations, today) && state.CurrentStepKey == decision.StepKey)
        {
            return new ApprovalOutcome.NotOpenYet(SlaService.Utc(opens));
        }

        // Nobody approves their own request, not even as someone's deputy.
        if (actorId == instance.SubmitterId)
        {
            return new ApprovalOutcome.Refused(ApprovalRefusal.NotTheApprover);
        }

        var resolve = Named(await resolver.ForSubjectAsync(instance.OrgPath, instance.SubmitterId, ct),
            await Handler(instance.SubjectType).NamedApproversAsync(instance.SubjectId, ct));
        // Steps are those chosen at submission; a step an administrator removed since has no approver (400, nothing saved).
        var result = ApprovalEngine.Act(state, decision.Action, decision.StepKey, actorId, delegations,
            key => chain.Steps.SingleOrDefault(s => s.Key == key) is { } step ? resolve(step) : null, now, today, decision.Comment);
        if (!result.Succeeded)
        {
            return new ApprovalOutcome.Refused(result.Refusal);
        }

        if (result.State is { Status: ApprovalStatus.Pending, CurrentApproverId: null } stuck)
        {
            var next = stuck.CurrentStepKey!;
            return new ApprovalOutcome.NoApprover(next, chain.Steps.SingleOrDefault(s => s.Key == next)?.Role.ToString() ?? "?");
        }

        await sla.StopAsync(TimerRecordType, instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: ct);
        Apply(instance, result.State);
        AddHistory(instance.Id, result.State.History.Skip(state.History.Count));
        if (instance.Status == ApprovalStatus.Pending)
        {
            await EnterStepAsync(instance, chain, now, ct);
        }
        else
        {
            instance.CompletedAt = now.UtcDateTime;
            await notifier.EnqueueAsync(new NotificationRequest(
                "Approval" + instance.Status, [instance.SubmitterId], [instance.Title, decision.Comment ?? ""], instance.Link,
                nameof(ApprovalInstance), instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        }

        await Handler(instance.SubjectType).OnChangedAsync(instance.SubjectId, instance.Status, instance.CurrentStepKey, decision, actorId, ct);
        await db.SaveChangesAsync(ct);
        return new ApprovalOutcome.Done(instance.Id, instance.Status, instance.CurrentStepKey);
    }

    /// <summary>The latest instance of a subject, with its history, for detail pages.</summary>
    public async Task<(ApprovalInstance? Instance, IReadOnlyList<ApprovalHistory> History)> ForSubjectAsync(string subjectType, string subjectId, CancellationToken ct)
    {
        var instance = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
        if (instance is null)
        {
            return (null, []);
        }

        var ids = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId).Select(i => i.Id).ToListAsync(ct);
        var history = await db.Set<ApprovalHistory>().AsNoTracking().Where(h => ids.Contains(h.InstanceId)).OrderBy(h => h.Id).ToListAsync(ct);
        return (instance, history);
    }

    /// <summary>What waits for me (as approver or deputy today), oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalInstance>> InboxAsync(string userId, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var principals = await db.Set<ApprovalDelegation>().AsNoTracking()
            .Where(d => d.DeputyId == userId && d.From <= today && d.To >= today).Select(d => d.DelegatorId).ToListAsync(ct);
        principals.Add(userId);
        return await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.Status == ApprovalStatus.Pending && i.CurrentApproverId != null && principals.Contains(i.CurrentApproverId))
            .OrderBy(i => i.SubmittedAt).Take(500).ToListAsync(ct);
    }

    private async Task EnterStepAsync(ApprovalInstance instance, ApprovalChain chain, DateTimeOffset now, CancellationToken ct)
    {
        if (instance.CurrentStepKey is not { } key)
        {
            return;
        }

        var handler = Handler(instance.SubjectType);
        var opens = await handler.StepOpensAtAsync(instance.SubjectId, key, now, ct);
        instance.StepStartedAt = opens.UtcDateTime;
        if (!await handler.StepClockHeldAsync(instance.SubjectId, key, ct))
        {
            await StartStepTimerAsync(instance, chain, key, opens, ct);
        }

        await notifier.EnqueueAsync(new NotificationRequest(
            "ApprovalWaiting", [instance.CurrentApproverId!], [instance.Title, Kefu.Web.Platform.Localization.LocalText.Of("Step." + key)], instance.Link,
            nameof(ApprovalInstance), instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task StartStepTimerAsync(ApprovalInstance instance, ApprovalChain chain, string key, DateTimeOffset opens, CancellationToken ct)
    {
        if (chain.Steps.SingleOrDefault(s => s.Key == key)?.Deadline is { } deadline)
        {
            await sla.StartAsync(new StartTimer(
                TimerRecordType, instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "APR-01",
                Kefu.Web.Platform.Localization.LocalText.Of(StepTimerName, instance.Title, Kefu.Web.Platform.Localization.LocalText.Of("Step." + key)).Store(200), deadline, instance.CurrentApproverId, instance.OrgPath, StartAt: opens, Link: instance.Link), ct);
        }
    }

    /// <summary>The subject's pending instance standing at <paramref name="stepKey"/>, or null.</summary>
    private async Task<ApprovalInstance?> PendingAtAsync(string subjectType, string subjectId, string stepKey, CancellationToken ct) =>
        await db.Set<ApprovalInstance>().Where(i => i.SubjectType == subjectType && i.SubjectId == subjectId && i.Status == ApprovalStatus.Pending)
            .OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct) is { } instance && instance.CurrentStepKey == stepKey ? instance : null;

    /// <summary>
    /// EXP-12: the step's deadline stops counting until the module restarts it (the paper went into a
    /// batch for the post). The running deadline is withdrawn, which is not a breach. False when the
    /// subject does not stand at that step.
    /// </summary>
    public async Task<bool> HoldStepClockAsync(string subjectType, string subjectId, string stepKey, CancellationToken ct)
    {
        if (await PendingAtAsync(subjectType, subjectId, stepKey, ct) is not { } instance)
        {
            return false;
        }

        await sla.WithdrawAsync(TimerRecordType, instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t => StepKeyOf(t) == stepKey, ct);
        return true;
    }

    /// <summary>
    /// EXP-12: the step's deadline starts now, from the whole amount (HQ marked the paper received):
    /// any deadline of the step still running is withdrawn first. False when the subject does not
    /// stand at that step (the deadline then starts when the chain gets there).
    /// </summary>
    public async Task<bool> RestartStepClockAsync(ApprovalChain chain, string subjectType, string subjectId, string stepKey, CancellationToken ct)
    {
        if (await PendingAtAsync(subjectType, subjectId, stepKey, ct) is not { } instance)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        await sla.WithdrawAsync(TimerRecordType, instance.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t => StepKeyOf(t) == stepKey, ct);
        if (SlaService.Utc(instance.StepStartedAt ?? now.UtcDateTime) < now)
        {
            instance.StepStartedAt = now.UtcDateTime;
        }

        await StartStepTimerAsync(instance, chain, stepKey, now, ct);
        return true;
    }

    /// <summary>The subject's own choice of person for a step it names (APR-02), else the org tree's.</summary>
    private static Func<ApprovalStep, string?> Named(Func<ApprovalStep, string?> byRole, IReadOnlyDictionary<string, string?> named) =>
        step => named.TryGetValue(step.Key, out var person) ? person : byRole(step);

    private IApprovalSubjectHandler Handler(string subjectType) =>
        handlers.FirstOrDefault(h => h.SubjectType == subjectType) ?? throw new InvalidOperationException($"No approval handler for '{subjectType}'.");

    private void AddHistory(long instanceId, IEnumerable<ApprovalEntry> entries) =>
        db.AddRange(entries.Select(e => new ApprovalHistory
        {
            InstanceId = instanceId, StepKey = e.StepKey, Action = e.Action, ActorId = e.ActorId, OnBehalfOf = e.OnBehalfOf,
            At = e.At.UtcDateTime, Comment = e.Comment,
        }));

    private static void Apply(ApprovalInstance instance, ApprovalState state)
    {
        instance.Status = state.Status;
        instance.StepKeys = string.Join(",", state.StepKeys);
        instance.CurrentIndex = state.CurrentIndex;
        instance.CurrentApproverId = state.CurrentApproverId;
    }

    private static ApprovalState ToState(ApprovalInstance instance) =>
        new(instance.Status, instance.Keys(), instance.CurrentIndex, instance.CurrentApproverId, []);
}
