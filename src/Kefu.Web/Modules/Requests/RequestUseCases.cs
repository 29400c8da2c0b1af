using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Requests;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Requests;

/// <summary>APR-02: a memo from the writer's department to another.</summary>
public sealed record MemoInput(int? ToUnitId, string? Subject, string? Body, DateOnly? ReplyBy, int? Version);

/// <summary>A line of a sample request.</summary>
public sealed record SampleLineInput(string? Product, string? Specification, int? Quantity, string? Unit, string? Notes);

/// <summary>APR-03: samples for a (prospective) customer.</summary>
public sealed record SampleInput(
    int? CustomerId, string? CustomerName, string? Contact, string? Phone, string? Address, string? Purpose, string? ExpectedOrder,
    IReadOnlyList<SampleLineInput>? Lines, int? Version);

/// <summary>APR-04: a market policy beyond the regular one for a customer.</summary>
public sealed record PolicyInput(
    int? CustomerId, string? CustomerName, string? Contact, string? Phone, string? Region, string? DealerLevel, string? RegularPolicy,
    string? RequestedPolicy, string? Reason, DateOnly? ValidFrom, DateOnly? ValidTo, decimal? AmountYuan, int? Version);

/// <summary>
/// The current step's decision and what the step records: the outbound slip's warehouse (APR-03),
/// the carrier, tracking number and shipping date (APR-03), where the paper memo is kept (APR-02).
/// </summary>
public sealed record RequestDecisionInput(
    string? StepKey, ApprovalAction? Action, string? Comment, string? Warehouse = null, string? Carrier = null, string? TrackingNumber = null,
    DateOnly? ShippedOn = null, string? ArchiveLocation = null);

/// <summary>The outcome of a use case on a form.</summary>
public abstract record RequestResult
{
    public sealed record Ok(RequestForm Form) : RequestResult;

    public sealed record Invalid(ProblemBuilder Problems) : RequestResult;

    /// <summary>No such form of that kind, or not the caller's to see or change (ORG-03: 404).</summary>
    public sealed record NotFound : RequestResult;

    /// <summary>Not in a state for this (sent already, a stale version or step): 409.</summary>
    public sealed record Conflict : RequestResult;

    /// <summary>Seen, but the current step is not the caller's: 403.</summary>
    public sealed record Forbidden : RequestResult;
}

/// <summary>Who is asking: their data scope and the unit they are placed in (a memo addressed to it is theirs to read).</summary>
public sealed record RequestViewer(ScopeViewer Scope, int UnitId)
{
    public string UserId => Scope.UserId;
}

/// <summary>
/// APR-02..04: write, send and decide the memos and requests of seed 004 on the APR-01 engine. Each
/// step's person and deadline come from the chain; copies (抄送) are recorded as participants and
/// told by notification; every change of a decision happens in one transaction.
/// </summary>
public sealed class RequestUseCases(
    KefuDbContext db, ApprovalService approvals, ApprovalChains chains, PolicyStore policies, MemoRecipients recipients, Notifier notifier,
    NumberSequences sequences, TimeProvider clock)
{
    /// <summary>The approval subject of each kind: the inbox lists and filters them apart.</summary>
    public static string SubjectType(RequestKind kind) => kind switch
    {
        RequestKind.Memo => "DepartmentMemo",
        RequestKind.Sample => "SampleRequest",
        RequestKind.SpecialPolicy => "SpecialPolicyRequest",
    };

    /// <summary>Each kind numbers its forms in its own company-wide sequence per year.</summary>
    public static string NumberPrefix(RequestKind kind) => kind switch
    {
        RequestKind.Memo => "LH",
        RequestKind.Sample => "YP",
        RequestKind.SpecialPolicy => "TZ",
    };

    public const string SlipSequence = "OutboundSlip";

    public static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    public async Task<RequestsPolicy> PolicyAsync(CancellationToken ct) => await policies.GetAsync<RequestsPolicy>(RequestsPolicy.Key, ct);

    public async Task<ApprovalChain> ChainAsync(RequestKind kind, CancellationToken ct) =>
        await chains.GetAsync(RequestFlows.Chain(kind, await PolicyAsync(ct)), ct);

    public async Task<RequestViewer> ViewerAsync(CurrentUser current, CancellationToken ct) =>
        new(await current.GetViewerAsync(ct), (await current.GetUserAsync(ct)).OrgUnitId);

    /// <summary>
    /// ORG-03 for forms: those of the caller's scope, those they are copied on or asked to act on,
    /// and memos addressed to their unit.
    /// </summary>
    public IQueryable<RequestForm> Visible(RequestViewer viewer)
    {
        var scoped = db.Set<RequestForm>().VisibleTo(viewer.Scope).Select(r => r.Id);
        var userId = viewer.UserId;
        var unitId = viewer.UnitId;
        return db.Set<RequestForm>().Where(r => scoped.Contains(r.Id)
            || db.Set<RequestParticipant>().Any(p => p.RequestId == r.Id && p.UserId == userId)
            || (r.Kind == RequestKind.Memo && r.ToUnitId == unitId && r.Status != RequestStatus.Draft));
    }

    public async Task<RequestResult> CreateAsync(RequestKind kind, RequestViewer viewer, object input, CancellationToken ct)
    {
        var writer = await db.Users.AsNoTracking().SingleAsync(u => u.Id == viewer.UserId, ct);
        var unit = await db.OrgUnits.AsNoTracking().SingleAsync(u => u.Id == writer.OrgUnitId, ct);
        var form = new RequestForm
        {
            Kind = kind, Number = "", Title = "", OwnerId = writer.Id, OrgUnitId = unit.Id, OrgPath = unit.Path, Status = RequestStatus.Draft,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var (problems, lines) = await ValidateAsync(kind, viewer, form, input, ct);
        if (problems.HasErrors)
        {
            return new RequestResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var year = CompanyTime.Today(clock).Year;
        var number = await sequences.NextAsync(NumberPrefix(kind), year.ToString(CultureInfo.InvariantCulture), ct);
        form.Number = string.Create(CultureInfo.InvariantCulture, $"{NumberPrefix(kind)}{year}-{number:D4}");
        db.Add(form);
        await db.SaveChangesAsync(ct);
        ReplaceLines(form.Id, lines, []);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RequestResult.Ok(form);
    }

    /// <summary>The writer edits their draft, or a form returned to them; anyone else finds nothing (404).</summary>
    public async Task<RequestResult> UpdateAsync(RequestKind kind, RequestViewer viewer, int id, object input, int? version, CancellationToken ct)
    {
        var form = await Own(kind, viewer, id).SingleOrDefaultAsync(ct);
        if (form is null)
        {
            return new RequestResult.NotFound();
        }

        if (form.Status is not (RequestStatus.Draft or RequestStatus.Returned) || (version is { } v && v != form.Version))
        {
            return new RequestResult.Conflict();
        }

        var (problems, lines) = await ValidateAsync(kind, viewer, form, input, ct);
        if (problems.HasErrors)
        {
            return new RequestResult.Invalid(problems);
        }

        var old = await db.Set<SampleLine>().Where(l => l.RequestId == id).ToListAsync(ct);
        ReplaceLines(id, lines, old);
        await db.SaveChangesAsync(ct);
        return new RequestResult.Ok(form);
    }

    /// <summary>
    /// Into the chain. APR-02: the memo goes to the head of the receiving department, copied to the
    /// writer's direct superior and the GM. APR-03/04: to the marketing director.
    /// </summary>
    public async Task<RequestResult> SubmitAsync(RequestKind kind, RequestViewer viewer, int id, CancellationToken ct)
    {
        var form = await Own(kind, viewer, id).SingleOrDefaultAsync(ct);
        if (form is null)
        {
            return new RequestResult.NotFound();
        }

        if (form.Status is not (RequestStatus.Draft or RequestStatus.Returned))
        {
            return new RequestResult.Conflict();
        }

        var problems = new ProblemBuilder();
        IReadOnlyList<string> copies = [];
        if (kind == RequestKind.Memo)
        {
            // The recipients as they are now: the org may have changed since the draft was saved.
            var route = await recipients.RouteAsync(form, ct);
            if (route.ReceivingHead is null)
            {
                problems.Add("toUnitId", "Requests.NoHeadToReply");
            }

            if (route.Superior is null)
            {
                problems.Add("toUnitId", "Requests.NoSuperior");
            }

            copies = new[] { route.Superior, route.GeneralManager }.OfType<string>().Where(c => c != form.OwnerId).Distinct().ToArray();
        }
        else if (kind == RequestKind.Sample && !await db.Set<SampleLine>().AnyAsync(l => l.RequestId == id, ct))
        {
            problems.Add("lines", "Requests.LinesRequired");
        }

        if (problems.HasErrors)
        {
            return new RequestResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        form.Status = RequestStatus.InProgress;
        form.SubmittedAt = now;
        var outcome = await approvals.SubmitAsync(new SubmitApproval(
            await ChainAsync(kind, ct), SubjectType(kind), Key(form.Id), TitleOf(form), form.OwnerId, form.OrgPath,
            new Dictionary<string, decimal>(), Link(form.Id)), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new RequestResult.Invalid(problems.Add(kind == RequestKind.Memo ? "toUnitId" : "request", "Requests.NoApprover",
                LocalText.Of("Step." + missing.StepKey).Render(), LocalText.Of("Role." + missing.Role).Render()));
        }

        await CopyAsync(form, copies, "submit", ct);
        await EnterStepAsync(form, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RequestResult.Ok(form);
    }

    /// <summary>
    /// The current step's person decides (APR-01), with what the step records. Refusals, in order:
    /// not visible and not the step's person → 404; bad input → 400; not the current step → 409;
    /// not the step's person (or their deputy today) → 403; a transition the step does not allow or
    /// a missing opinion or shipment → 400 naming the field. Nothing is saved on a refusal.
    /// </summary>
    public async Task<RequestResult> DecideAsync(RequestKind kind, RequestViewer viewer, int id, RequestDecisionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey).MaxLength("stepKey", input.StepKey, 64)
            .MaxLength("comment", input.Comment, 1000).MaxLength("warehouse", input.Warehouse, 100).MaxLength("carrier", input.Carrier, 100)
            .MaxLength("trackingNumber", input.TrackingNumber, 40).MaxLength("archiveLocation", input.ArchiveLocation, 200);
        var action = input.Action ?? ApprovalAction.Submit;
        if (action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        var form = await db.Set<RequestForm>().SingleOrDefaultAsync(r => r.Id == id && r.Kind == kind, ct);
        if (form is null)
        {
            return new RequestResult.NotFound();
        }

        var (instance, _) = await approvals.ForSubjectAsync(SubjectType(kind), Key(id), ct);
        var mayAct = instance is { Status: ApprovalStatus.Pending } && await MayActAsync(instance, viewer.UserId, ct);
        if (!mayAct && !await Visible(viewer).AnyAsync(r => r.Id == id, ct))
        {
            return new RequestResult.NotFound();
        }

        if (problems.HasErrors)
        {
            return new RequestResult.Invalid(problems);
        }

        if (instance is not { Status: ApprovalStatus.Pending } || instance.CurrentStepKey != input.StepKey)
        {
            return new RequestResult.Conflict();
        }

        if (!mayAct)
        {
            return new RequestResult.Forbidden();
        }

        var today = CompanyTime.Today(clock);
        foreach (var violation in RequestFlows.Check(kind, input.StepKey!, action, new StepInput(input.Comment, input.Carrier, input.TrackingNumber, input.ShippedOn), today))
        {
            problems.Add(violation.Field, violation.MessageKey, violation.Args);
        }

        if (problems.HasErrors)
        {
            return new RequestResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var step = input.StepKey!;
        if (action == ApprovalAction.Approve)
        {
            await RecordStepAsync(form, step, input, today, ct);
        }

        var outcome = await approvals.ActAsync(await ChainAsync(kind, ct), new ApprovalDecision(instance.Id, step, action, T(input.Comment)), viewer.UserId, ct);
        switch (outcome)
        {
            case ApprovalOutcome.Done:
                break;
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover }:
                return new RequestResult.Forbidden();
            case ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }:
                return new RequestResult.Invalid(problems.Add("comment", "Requests.ReasonRequired"));
            case ApprovalOutcome.NoApprover missing:
                return new RequestResult.Invalid(problems.Add("stepKey", "Requests.NoApprover",
                    LocalText.Of("Step." + missing.StepKey).Render(), LocalText.Of("Role." + missing.Role).Render()));
            default:
                return new RequestResult.Conflict();
        }

        if (action == ApprovalAction.Approve)
        {
            await AfterStepAsync(form, step, viewer.UserId, ct);
        }

        await EnterStepAsync(form, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RequestResult.Ok(form);
    }

    /// <summary>Whether <paramref name="userId"/> acts on the instance's current step today: its person, or their deputy.</summary>
    public async Task<bool> MayActAsync(ApprovalInstance instance, string userId, CancellationToken ct)
    {
        var delegations = await db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.DeputyId == userId)
            .Select(d => new Delegation(d.DelegatorId, d.DeputyId, d.From, d.To)).ToListAsync(ct);
        return ApprovalEngine.MayAct(new ApprovalState(instance.Status, instance.Keys(), instance.CurrentIndex, instance.CurrentApproverId, []),
            userId, delegations, CompanyTime.Today(clock));
    }

    public static string Link(int id) => $"/requests/{id}";

    /// <summary>The inbox title, in each reader's words: "部门联络函 LH2026-0001：主题".</summary>
    public static string TitleOf(RequestForm form) => LocalText.Of("ApprovalTitle.Request", LocalText.Of("RequestKind." + form.Kind), form.Number, form.Title).Store(300);

    private IQueryable<RequestForm> Own(RequestKind kind, RequestViewer viewer, int id) =>
        db.Set<RequestForm>().Where(r => r.Id == id && r.Kind == kind && r.OwnerId == viewer.UserId);

    private static string? T(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>What a step records on the form when it is completed (APR-02 archive, APR-03 slip and shipment).</summary>
    private async Task RecordStepAsync(RequestForm form, string step, RequestDecisionInput input, DateOnly today, CancellationToken ct)
    {
        switch (step)
        {
            case RequestSteps.SampleSlip:
                // APR-03: the outbound slip (出仓单) takes its number in the transaction that issues it.
                var year = today.Year;
                var number = await sequences.NextAsync(SlipSequence, year.ToString(CultureInfo.InvariantCulture), ct);
                form.SlipNumber = string.Create(CultureInfo.InvariantCulture, $"CK{year}-{number:D4}");
                form.Warehouse = T(input.Warehouse);
                break;
            case RequestSteps.SampleShipping:
                form.Carrier = T(input.Carrier);
                form.TrackingNumber = T(input.TrackingNumber)!.ToUpperInvariant();
                form.ShippedOn = input.ShippedOn ?? today;
                break;
            case RequestSteps.MemoArchive:
                form.ArchiveLocation = T(input.ArchiveLocation);
                break;
        }
    }

    /// <summary>Who is told when a step is done, beyond the next step's person (whom the engine tells).</summary>
    private async Task AfterStepAsync(RequestForm form, string step, string actorId, CancellationToken ct)
    {
        var title = TitleOf(form);
        switch (step)
        {
            case RequestSteps.MemoReply:
            {
                // Seed 004: the receiving department replies to the sender, copied to the direct superior and the GM.
                var route = await recipients.RouteAsync(form, ct);
                await CopyAsync(form, new[] { route.Superior, route.GeneralManager }.OfType<string>().ToArray(), step, ct);
                await ProgressAsync(form, step, actorId, [form.OwnerId], ct);
                break;
            }

            case RequestSteps.MemoLeader:
            {
                // APR-02: the leader's opinion returns to both departments, copied to administration.
                var replier = await ActorOfAsync(form, RequestSteps.MemoReply, ct);
                await ProgressAsync(form, step, actorId, new[] { form.OwnerId, replier }.OfType<string>().ToArray(), ct);
                await CopyAsync(form, await recipients.HoldersAsync(Role.AdminClerk, ct), step, ct);
                break;
            }

            case RequestSteps.SampleSlip:
            {
                // APR-03: the outbound slip goes to logistics and finance.
                var to = (await recipients.HoldersAsync(Role.LogisticsClerk, ct)).Concat(await recipients.HoldersAsync(Role.FinanceClerk, ct)).Distinct().ToArray();
                await AddParticipantsAsync(form, to, ParticipantKind.Copy, step, ct);
                await notifier.EnqueueAsync(new NotificationRequest("SampleSlipIssued", to.Where(u => u != actorId).ToArray(),
                    [title, form.SlipNumber, form.Warehouse ?? ""], Link(form.Id), nameof(RequestForm), Key(form.Id)), ct);
                await ProgressAsync(form, step, actorId, [form.OwnerId], ct);
                break;
            }

            case RequestSteps.SampleShipping:
                // APR-03: CS tells the customer the tracking number and follows the delivery.
                await notifier.EnqueueAsync(new NotificationRequest("SampleShipped", [form.OwnerId], [title, form.Carrier, form.TrackingNumber],
                    Link(form.Id), nameof(RequestForm), Key(form.Id)), ct);
                break;
            case RequestSteps.PolicyApproval:
            {
                // APR-04: once approved it is filed with commerce and finance: both are told now.
                await CopyAsync(form, await recipients.HoldersAsync(Role.FinanceClerk, ct), step, ct);
                await ProgressAsync(form, step, actorId, [form.OwnerId], ct);
                break;
            }

            case RequestSteps.MemoArchive or RequestSteps.SampleFiling or RequestSteps.PolicyFinanceFiling:
                // The last step: the engine tells the writer the form went through.
                break;
            default:
                await ProgressAsync(form, step, actorId, [form.OwnerId], ct);
                break;
        }
    }

    /// <summary>The person now asked to act becomes a participant: they read the form even outside their scope.</summary>
    private async Task EnterStepAsync(RequestForm form, CancellationToken ct)
    {
        var instance = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == SubjectType(form.Kind) && i.SubjectId == Key(form.Id)).OrderByDescending(i => i.Id).FirstOrDefaultAsync(ct);
        if (instance is { Status: ApprovalStatus.Pending, CurrentApproverId: { } approver })
        {
            await AddParticipantsAsync(form, [approver], ParticipantKind.Actor, instance.CurrentStepKey!, ct);
        }
    }

    private async Task CopyAsync(RequestForm form, IReadOnlyCollection<string> people, string step, CancellationToken ct)
    {
        var to = people.Where(p => p != form.OwnerId).Distinct().ToArray();
        if (to.Length == 0)
        {
            return;
        }

        await AddParticipantsAsync(form, to, ParticipantKind.Copy, step, ct);
        await notifier.EnqueueAsync(new NotificationRequest("RequestCopied", to, [TitleOf(form), LocalText.Of("Step." + step)],
            Link(form.Id), nameof(RequestForm), Key(form.Id)), ct);
    }

    private async Task ProgressAsync(RequestForm form, string step, string actorId, IReadOnlyCollection<string> to, CancellationToken ct)
    {
        var people = to.Where(p => p != actorId).Distinct().ToArray();
        if (people.Length == 0)
        {
            return;
        }

        var actor = await db.Users.AsNoTracking().Where(u => u.Id == actorId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "";
        await notifier.EnqueueAsync(new NotificationRequest("RequestProgress", people, [TitleOf(form), LocalText.Of("Step." + step), actor],
            Link(form.Id), nameof(RequestForm), Key(form.Id)), ct);
    }

    private async Task AddParticipantsAsync(RequestForm form, IEnumerable<string> people, ParticipantKind kind, string step, CancellationToken ct)
    {
        var ids = people.Distinct().ToArray();
        var known = await db.Set<RequestParticipant>().AsNoTracking()
            .Where(p => p.RequestId == form.Id && p.Kind == kind && p.StepKey == step && ids.Contains(p.UserId)).Select(p => p.UserId).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        db.AddRange(ids.Except(known).Select(u => new RequestParticipant { RequestId = form.Id, UserId = u, Kind = kind, StepKey = step, At = now }));
    }

    /// <summary>Who completed a step in the form's latest run of its chain.</summary>
    private async Task<string?> ActorOfAsync(RequestForm form, string step, CancellationToken ct)
    {
        var instanceId = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == SubjectType(form.Kind) && i.SubjectId == Key(form.Id)).OrderByDescending(i => i.Id).Select(i => i.Id).FirstOrDefaultAsync(ct);
        return await db.Set<ApprovalHistory>().AsNoTracking()
            .Where(h => h.InstanceId == instanceId && h.StepKey == step && h.Action == ApprovalAction.Approve).OrderByDescending(h => h.Id)
            .Select(h => h.ActorId).FirstOrDefaultAsync(ct);
    }

    private void ReplaceLines(int requestId, IReadOnlyList<SampleLine>? lines, IReadOnlyList<SampleLine> old)
    {
        if (lines is null)
        {
            return;
        }

        db.RemoveRange(old);
        var n = 1;
        foreach (var line in lines)
        {
            line.RequestId = requestId;
            line.LineNo = n++;
            db.Add(line);
        }
    }

    // ---- Validation ---------------------------------------------------------------------------

    private async Task<(ProblemBuilder Problems, IReadOnlyList<SampleLine>? Lines)> ValidateAsync(
        RequestKind kind, RequestViewer viewer, RequestForm form, object input, CancellationToken ct) => (kind, input) switch
    {
        (RequestKind.Memo, MemoInput memo) => (await ValidateMemoAsync(form, memo, ct), null),
        (RequestKind.Sample, SampleInput sample) => await ValidateSampleAsync(viewer, form, sample, ct),
        (RequestKind.SpecialPolicy, PolicyInput policy) => (await ValidatePolicyAsync(viewer, form, policy, ct), null),
        _ => throw new ArgumentException($"A {kind} takes its own input.", nameof(input)),
    };

    private async Task<ProblemBuilder> ValidateMemoAsync(RequestForm form, MemoInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("subject", input.Subject).MaxLength("subject", input.Subject, 200)
            .Required("body", input.Body).MaxLength("body", input.Body, 4000);
        OrgUnit? to = null;
        if (input.ToUnitId is not { } toId)
        {
            problems.Add("toUnitId", "Validation.RequiredHere");
        }
        else
        {
            to = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == toId, ct);
            if (to is null || !to.IsActive || to.Kind == OrgUnitKind.Company)
            {
                problems.Add("toUnitId", "Requests.UnknownUnit");
            }
            else if (to.Id == form.OrgUnitId)
            {
                problems.Add("toUnitId", "Requests.OwnUnit");
            }
        }

        if (input.ReplyBy is { } replyBy && replyBy < CompanyTime.Today(clock))
        {
            problems.Add("replyBy", "Requests.ReplyByPast");
        }

        if (!problems.HasErrors)
        {
            form.Title = input.Subject!.Trim();
            form.Body = input.Body!.Trim();
            form.ToUnitId = to!.Id;
            form.ToUnitPath = to.Path;
            form.ReplyBy = input.ReplyBy;
        }

        return problems;
    }

    private async Task<(ProblemBuilder, IReadOnlyList<SampleLine>?)> ValidateSampleAsync(RequestViewer viewer, RequestForm form, SampleInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder()
            .MaxLength("contact", input.Contact, 100).MaxLength("phone", input.Phone, 50).MaxLength("address", input.Address, 300)
            .Required("purpose", input.Purpose).MaxLength("purpose", input.Purpose, 4000).MaxLength("expectedOrder", input.ExpectedOrder, 500);
        var customer = await CustomerAsync(viewer, input.CustomerId, input.CustomerName, problems, ct);
        var lines = new List<SampleLine>();
        var given = input.Lines ?? [];
        if (given.Count == 0)
        {
            problems.Add("lines", "Requests.LinesRequired");
        }
        else if (given.Count > 50)
        {
            problems.Add("lines", "Requests.TooManyLines", 50);
        }

        for (var i = 0; i < given.Count && i < 50; i++)
        {
            var line = given[i];
            problems.Required($"lines[{i}].product", line.Product).MaxLength($"lines[{i}].product", line.Product, 100)
                .MaxLength($"lines[{i}].specification", line.Specification, 100).MaxLength($"lines[{i}].unit", line.Unit, 20)
                .MaxLength($"lines[{i}].notes", line.Notes, 200);
            if (line.Quantity is not (>= 1 and <= 100_000))
            {
                problems.Add($"lines[{i}].quantity", "Requests.BadQuantity", 1, 100_000);
            }

            if (!string.IsNullOrWhiteSpace(line.Product))
            {
                lines.Add(new SampleLine
                {
                    Product = line.Product.Trim(), Specification = T(line.Specification), Quantity = line.Quantity ?? 0, Unit = T(line.Unit), Notes = T(line.Notes),
                });
            }
        }

        if (!problems.HasErrors)
        {
            ApplyCustomer(form, customer, input.CustomerName, input.Contact, input.Phone);
            form.Address = T(input.Address) ?? (customer is null ? null : customer.Address);
            form.Body = input.Purpose!.Trim();
            form.ExpectedOrder = T(input.ExpectedOrder);
        }

        return (problems, lines);
    }

    private async Task<ProblemBuilder> ValidatePolicyAsync(RequestViewer viewer, RequestForm form, PolicyInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder()
            .MaxLength("contact", input.Contact, 100).MaxLength("phone", input.Phone, 50).MaxLength("region", input.Region, 100)
            .MaxLength("dealerLevel", input.DealerLevel, 50).MaxLength("regularPolicy", input.RegularPolicy, 1000)
            .Required("requestedPolicy", input.RequestedPolicy).MaxLength("requestedPolicy", input.RequestedPolicy, 2000)
            .Required("reason", input.Reason).MaxLength("reason", input.Reason, 4000);
        var customer = await CustomerAsync(viewer, input.CustomerId, input.CustomerName, problems, ct);
        if (input.ValidFrom is { } from && input.ValidTo is { } to && to < from)
        {
            problems.Add("validTo", "Calendar.ToBeforeFrom");
        }

        if (input.AmountYuan is { } amount && (amount < 0 || amount > 100_000_000m || decimal.Round(amount, 2) != amount))
        {
            problems.Add("amountYuan", "Validation.InvalidHere");
        }

        if (!problems.HasErrors)
        {
            ApplyCustomer(form, customer, input.CustomerName, input.Contact, input.Phone);
            form.Region = T(input.Region) ?? customer?.Province;
            form.DealerLevel = T(input.DealerLevel);
            form.RegularPolicy = T(input.RegularPolicy);
            form.RequestedPolicy = input.RequestedPolicy!.Trim();
            form.Body = input.Reason!.Trim();
            form.ValidFrom = input.ValidFrom;
            form.ValidTo = input.ValidTo;
            form.AmountFen = input.AmountYuan is { } yuan ? (long)(yuan * 100) : null;
        }

        return problems;
    }

    /// <summary>A customer of the caller's scope, or the name of a prospective one (seed 004 "意向客户").</summary>
    private async Task<Customer?> CustomerAsync(RequestViewer viewer, int? customerId, string? customerName, ProblemBuilder problems, CancellationToken ct)
    {
        problems.MaxLength("customerName", customerName, 200);
        if (customerId is { } id)
        {
            var customer = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer.Scope).SingleOrDefaultAsync(c => c.Id == id, ct);
            if (customer is null)
            {
                problems.Add("customerId", "Customer.UnknownCustomer");
            }

            return customer;
        }

        if (string.IsNullOrWhiteSpace(customerName))
        {
            problems.Add("customerName", "Requests.CustomerRequired");
        }

        return null;
    }

    private static void ApplyCustomer(RequestForm form, Customer? customer, string? name, string? contact, string? phone)
    {
        form.CustomerId = customer?.Id;
        form.Title = customer?.Name ?? name!.Trim();
        form.Contact = T(contact) ?? customer?.ContactName;
        form.Phone = T(phone) ?? customer?.Phone;
    }
}
