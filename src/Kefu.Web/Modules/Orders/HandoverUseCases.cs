using System.Globalization;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Orders;

public sealed record HandoverInput(int? CustomerId, bool? Storage, bool? Delivery, string? ContractOrQuote, string? SettlementAgreement, string? Notes, int? Version);

public sealed record SpecialProcedureInput(string? Reason);

public sealed record HandoverDecisionInput(string? StepKey, ApprovalAction? Action, string? Comment);

public sealed record HandoverDto(
    int Id, int CustomerId, string CustomerName, bool Storage, bool Delivery, string? ContractOrQuote, string? SettlementAgreement, string? Notes,
    HandoverStatus Status, string? CurrentStepKey, string? CurrentApproverId, DateTime CreatedAt, DateTime? SubmittedAt, DateTime? ApprovedAt, string OwnerId, int Version,
    DateTime? SpecialProcedureAt = null, string? SpecialProcedureReason = null);

/// <summary>
/// ORD-03: the customer-service handover form and its approval on the APR-01 engine. Default chain
/// (an administrator may edit it): marketing manager → CS director (the receiving department) →
/// branch GM for the operating departments involved (storage, delivery) → GM.
/// </summary>
public sealed class HandoverUseCases(KefuDbContext db, ApprovalService approvals, ApprovalChains chains, TimeProvider clock)
{
    public const string SubjectType = "CustomerHandover";

    /// <summary>
    /// ORD-03 as the seed describes it (001 §2.4b): the marketing manager signs first, then the managers
    /// of the departments involved, finally the GM. Kefu's roles stand in for the seed's posts:
    /// 市场部经理 → <see cref="Role.MarketingDirector"/>; 客户部 (which takes the customer over) →
    /// <see cref="Role.CsDirector"/>; 仓储部经理 / 配送经理 (no role of their own yet) → the
    /// <see cref="Role.BranchGm"/> of the customer's branch, who runs its warehouse and distribution,
    /// only when storage or delivery is involved; 总经理 → <see cref="Role.Gm"/>.
    /// </summary>
    public static ApprovalChain DefaultChain { get; } = new("customer-handover", "客户服务交接表",
    [
        new("marketing-manager", Role.MarketingDirector, ApproverLevel.Company, SlaTarget.WorkingDays(1)),
        new("cs-director", Role.CsDirector, ApproverLevel.Company, SlaTarget.WorkingDays(1)),
        new("operations-manager", Role.BranchGm, ApproverLevel.Branch, SlaTarget.WorkingDays(1), new StepCondition("operations", ConditionOperator.GreaterThan, 0)),
        new("gm", Role.Gm, ApproverLevel.Company, SlaTarget.WorkingDays(2)),
    ]);

    public async Task<ApprovalChain> ChainAsync(CancellationToken ct) => await chains.GetAsync(DefaultChain, ct);

    public IQueryable<CustomerHandover> Visible(ScopeViewer viewer) => db.Set<CustomerHandover>().VisibleTo(viewer);

    public async Task<(CustomerHandover? Saved, ProblemBuilder Problems)> CreateAsync(ScopeViewer viewer, string userId, HandoverInput input, CancellationToken ct)
    {
        var problems = Validate(input);
        var customer = input.CustomerId is { } cid ? await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == cid, ct) : null;
        if (customer is null)
        {
            problems.Add("customerId", "Orders.UnknownCustomer");
        }

        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var form = new CustomerHandover
        {
            CustomerId = customer!.Id, CustomerName = customer.Name, OwnerId = userId, CentreId = customer.CentreId, OrgPath = customer.OrgPath,
            CreatedAt = clock.GetUtcNow().UtcDateTime, Status = HandoverStatus.Draft,
        };
        Apply(form, input);
        db.Add(form);
        await db.SaveChangesAsync(ct);
        return (form, problems);
    }

    public async Task<(CustomerHandover? Saved, ProblemBuilder Problems, bool Conflict)> UpdateAsync(ScopeViewer viewer, int id, HandoverInput input, CancellationToken ct)
    {
        var form = await Visible(viewer).SingleOrDefaultAsync(h => h.Id == id, ct);
        if (form is null)
        {
            return (null, new ProblemBuilder(), false);
        }

        if (form.Status is not (HandoverStatus.Draft or HandoverStatus.Returned) || (input.Version is { } v && v != form.Version))
        {
            return (form, new ProblemBuilder(), true);
        }

        var problems = Validate(input);
        if (!problems.HasErrors)
        {
            Apply(form, input);
            await db.SaveChangesAsync(ct);
        }

        return (form, problems, false);
    }

    /// <summary>ORD-03: into the chain; the facts say whether the operating departments must sign.</summary>
    public async Task<(CustomerHandover? Form, ProblemBuilder Problems, bool Conflict)> SubmitAsync(ScopeViewer viewer, string userId, int id, CancellationToken ct)
    {
        var form = await Visible(viewer).SingleOrDefaultAsync(h => h.Id == id, ct);
        var problems = new ProblemBuilder();
        if (form is null)
        {
            return (null, problems, false);
        }

        if (form.Status is not (HandoverStatus.Draft or HandoverStatus.Returned))
        {
            return (form, problems, true);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        form.Status = HandoverStatus.InReview;
        form.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        var outcome = await approvals.SubmitAsync(new SubmitApproval(
            await ChainAsync(ct), SubjectType, Key(form.Id), Kefu.Web.Platform.Localization.LocalText.Of("ApprovalTitle.Handover", form.CustomerName).Store(300), userId, form.OrgPath,
            new Dictionary<string, decimal>
            {
                ["operations"] = form.Storage || form.Delivery ? 1 : 0,
                ["storage"] = form.Storage ? 1 : 0,
                ["delivery"] = form.Delivery ? 1 : 0,
            },
            $"/orders/handovers/{form.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return (form, problems.Add("handover", "Orders.NoApprover", missing.StepKey, missing.Role), false);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (form, problems, false);
    }

    /// <summary>An approver's decision on the current step. Out of scope and not the approver: not found (ORG-03).</summary>
    public async Task<(CustomerHandover? Form, ProblemBuilder Problems, ApprovalOutcome? Outcome)> DecideAsync(
        ScopeViewer viewer, string actorId, int id, HandoverDecisionInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey);
        if (input.Action is not { } action || action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        var form = await db.Set<CustomerHandover>().SingleOrDefaultAsync(h => h.Id == id, ct);
        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, Key(id), ct);
        var approver = instance?.CurrentApproverId;
        if (form is null || (!viewer.CanSee(form.OwnerId, form.OrgPath) && (approver is null || (approver != actorId
            && !await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == actorId && d.DelegatorId == approver, ct)))))
        {
            return (null, problems, null);
        }

        if (instance is null)
        {
            return (form, problems, new ApprovalOutcome.Refused(ApprovalRefusal.NotPending));
        }

        if (problems.HasErrors)
        {
            return (form, problems, null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outcome = await approvals.ActAsync(await ChainAsync(ct), new ApprovalDecision(instance.Id, input.StepKey!, input.Action!.Value, input.Comment), actorId, ct);
        if (outcome is ApprovalOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (form, problems, outcome);
    }

    /// <summary>
    /// ORD-03 (seed 001 §2.4c): when the normal approval cannot come in time, a leader lets CS take the
    /// customer's orders now; marketing completes the paperwork as soon as it can (the form stays in its chain).
    /// </summary>
    public async Task<(CustomerHandover? Form, ProblemBuilder Problems, bool Conflict)> GrantSpecialProcedureAsync(
        ScopeViewer viewer, string userId, int id, SpecialProcedureInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        var form = await Visible(viewer).SingleOrDefaultAsync(h => h.Id == id, ct);
        if (form is null)
        {
            return (null, problems, false);
        }

        if (form.Status is HandoverStatus.Approved or HandoverStatus.Rejected)
        {
            return (form, problems, true);
        }

        if (!problems.HasErrors)
        {
            form.SpecialProcedureById = userId;
            form.SpecialProcedureAt = clock.GetUtcNow().UtcDateTime;
            form.SpecialProcedureReason = input.Reason!.Trim();
            await db.SaveChangesAsync(ct);
        }

        return (form, problems, false);
    }

    public async Task<HandoverDto> ToDtoAsync(CustomerHandover h, CancellationToken ct)
    {
        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, Key(h.Id), ct);
        var pending = instance is { Status: ApprovalStatus.Pending };
        return new HandoverDto(h.Id, h.CustomerId, h.CustomerName, h.Storage, h.Delivery, h.ContractOrQuote, h.SettlementAgreement, h.Notes, h.Status,
            pending ? instance!.CurrentStepKey : null, pending ? instance!.CurrentApproverId : null, h.CreatedAt, h.SubmittedAt, h.ApprovedAt, h.OwnerId, h.Version,
            h.SpecialProcedureAt, h.SpecialProcedureReason);
    }

    internal static string Key(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static ProblemBuilder Validate(HandoverInput input)
    {
        var problems = new ProblemBuilder()
            .MaxLength("contractOrQuote", input.ContractOrQuote, 2000).MaxLength("settlementAgreement", input.SettlementAgreement, 2000).MaxLength("notes", input.Notes, 2000);
        // ORD-03: contract or quoted prices, or — without a contract — the settlement agreement.
        if (string.IsNullOrWhiteSpace(input.ContractOrQuote) && string.IsNullOrWhiteSpace(input.SettlementAgreement))
        {
            problems.Add("contractOrQuote", "Orders.HandoverTermsRequired");
        }

        return problems;
    }

    private static void Apply(CustomerHandover form, HandoverInput input)
    {
        static string? T(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        form.Storage = input.Storage == true;
        form.Delivery = input.Delivery ?? true;
        form.ContractOrQuote = T(input.ContractOrQuote);
        form.SettlementAgreement = T(input.SettlementAgreement);
        form.Notes = T(input.Notes);
    }
}

/// <summary>The handover form's part in its chain: its status follows the approval (ORD-03).</summary>
internal sealed class HandoverApprovalHandler(KefuDbContext db, TimeProvider clock) : IApprovalSubjectHandler
{
    public string SubjectType => HandoverUseCases.SubjectType;

    public Task<DateTimeOffset> StepOpensAtAsync(string subjectId, string stepKey, DateTimeOffset now, CancellationToken ct) => Task.FromResult(now);

    public async Task OnChangedAsync(string subjectId, ApprovalStatus status, string? currentStepKey, ApprovalDecision? decision, string actorId, CancellationToken ct)
    {
        var form = await db.Set<CustomerHandover>().SingleAsync(h => h.Id == int.Parse(subjectId, CultureInfo.InvariantCulture), ct);
        form.Status = status switch
        {
            ApprovalStatus.Pending => HandoverStatus.InReview,
            ApprovalStatus.Approved => HandoverStatus.Approved,
            ApprovalStatus.Rejected => HandoverStatus.Rejected,
            ApprovalStatus.Returned => HandoverStatus.Returned,
        };
        if (status == ApprovalStatus.Approved)
        {
            form.ApprovedAt = clock.GetUtcNow().UtcDateTime;
        }
    }
}
