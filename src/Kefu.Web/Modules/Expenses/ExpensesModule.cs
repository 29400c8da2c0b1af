using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Approvals;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

public sealed record ClaimLineDto(int Id, string Date, string Category, decimal Amount, int ReceiptCount, string? Description, string? WorkOrders,
    bool NonCustomerService, decimal Excess, decimal? ApprovedAmount, bool Rejected, string? ReviewReason);

public sealed record ApprovalHistoryDto(string StepKey, string Action, string Actor, string? OnBehalfOf, string At, string? Comment);

public sealed record ClaimDto(
    int Id, string Number, string ClaimantId, string Claimant, string Status, decimal Claimed, decimal Payable, string PayableInCapitals,
    bool HasTravelSummary, bool ExceptionApproved, string? Notes, string? SubmittedAt, string? PaidAt, int Version,
    string? CurrentStep, string? CurrentApprover, string? StepOpensAt, IReadOnlyList<ClaimLineDto> Lines, IReadOnlyList<ApprovalHistoryDto> History);

public sealed record ClaimRowDto(int Id, string Number, string Claimant, string Status, decimal Claimed, decimal Payable, string? SubmittedAt, string? CurrentStep);

public sealed record InboxRowDto(long InstanceId, string SubjectType, string SubjectId, string Title, string StepKey, string Submitter, string SubmittedAt, string? OpensAt, string? Link);

public sealed record DelegationInput(string? DeputyUserName, DateOnly? From, DateOnly? To);

/// <summary>Expense reimbursement (EXP-01..11) and the approvals inbox (APR-01).</summary>
public static class ExpensesModule
{
    internal static readonly Role[] Claimants = [Role.FieldEngineer, Role.CsSpecialist, Role.Coordinator, Role.TeamLeader, Role.CentreSupervisor];

    internal static readonly Role[] Readers =
    [
        .. Claimants, Role.BranchGm, Role.ExpenseAuditor, Role.CsManager, Role.CsDirector, Role.Vp, Role.FinanceClerk, Role.Gm,
        Role.ReadOnlyAuditor, Role.SystemAdministrator,
    ];

    public const string ClaimPolicy = "ExpenseClaimant";
    public const string ReadPolicy = "ExpenseReader";

    public static void AddExpenses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApproverResolver>();
        builder.Services.AddScoped<ApprovalService>();
        builder.Services.AddScoped<ClaimUseCases>();
        builder.Services.AddScoped<IApprovalSubjectHandler, ExpenseApprovalHandler>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ClaimPolicy, p => p.RequireRole(Claimants.Select(KefuRoles.Name)))
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)));
    }

    public static void MapExpenses(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/expenses/claims").WithTags("Expenses");
        claims.MapGet("/", List).RequireAuthorization(ReadPolicy).WithName("ListClaims").WithSummary("Claims in the caller's scope, paged and filtered.");
        claims.MapGet("/{id:int}", Get).RequireAuthorization(ReadPolicy).WithName("GetClaim");
        claims.MapPost("/", Create).RequireAuthorization(ClaimPolicy).WithName("CreateClaim").WithSummary("A draft claim of the caller, numbered consecutively (EXP-02).");
        claims.MapPut("/{id:int}", Update).RequireAuthorization(ClaimPolicy).WithName("UpdateClaim");
        claims.MapPost("/{id:int}/submit", Submit).RequireAuthorization(ClaimPolicy).WithName("SubmitClaim").WithSummary("Policy checks, then into the EXP-05 chain.");
        claims.MapPost("/{id:int}/decision", Decide).WithName("DecideClaim").WithSummary("Approve, reject or return the current step, with line reductions (EXP-08).");

        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/inbox", Inbox).WithName("ApprovalInbox").WithSummary("What waits for me, oldest first.");
        approvals.MapGet("/delegations", MyDelegations).WithName("ListMyDelegations");
        approvals.MapPost("/delegations", Delegate).WithName("CreateDelegation").WithSummary("A deputy acts for me between two dates.");
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<Ok<Paged<ClaimRowDto>>> List(string? status, int? page, int? pageSize, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        if (Enum.TryParse<ClaimStatus>(status, ignoreCase: true, out var s))
        {
            query = query.Where(c => c.Status == s);
        }

        var total = await query.CountAsync(ct);
        var rows = await (from c in query.OrderByDescending(c => c.Id).Skip((p - 1) * size).Take(size)
                          join u in db.Users on c.ClaimantId equals u.Id
                          select new { c, u.UserName, u.DisplayName }).ToListAsync(ct);
        var ids = rows.Select(r => r.c.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
        var steps = await db.Set<ApprovalInstance>().AsNoTracking()
            .Where(i => i.SubjectType == ClaimUseCases.SubjectType && ids.Contains(i.SubjectId) && i.Status == ApprovalStatus.Pending)
            .Select(i => new { i.SubjectId, i.StepKeys, i.CurrentIndex }).ToListAsync(ct);
        return TypedResults.Ok(new Paged<ClaimRowDto>(rows.Select(r => new ClaimRowDto(
            r.c.Id, r.c.DisplayNumber(r.UserName!), r.DisplayName, r.c.Status.ToString(), new Money(r.c.ClaimedFen).Yuan, new Money(r.c.PayableFen).Yuan,
            Time(r.c.SubmittedAt), steps.FirstOrDefault(x => x.SubjectId == r.c.Id.ToString(CultureInfo.InvariantCulture)) is { } st
                ? st.StepKeys.Split(',')[st.CurrentIndex] : null)).ToArray(), p, size, total));
    }

    internal static async Task<ClaimDto?> LoadAsync(int id, ClaimsPrincipal user, KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (claim is null)
        {
            return null;
        }

        var (instance, history) = await approvals.ForSubjectAsync(ClaimUseCases.SubjectType, id.ToString(CultureInfo.InvariantCulture), ct);
        var viewer = await current.GetViewerAsync(ct);
        // The current approver, and whoever acted on it (a deputy), see the claim even outside their own scope.
        var me = UserId(user);
        if (!viewer.CanSee(claim.ClaimantId, claim.OrgPath) && instance?.CurrentApproverId != me && history.All(h => h.ActorId != me))
        {
            return null;
        }

        var people = history.Select(h => h.ActorId).Append(claim.ClaimantId).Concat(instance?.CurrentApproverId is { } a ? [a] : [])
            .Concat(history.Where(h => h.OnBehalfOf != null).Select(h => h.OnBehalfOf!)).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => people.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => (u.UserName!, u.DisplayName), ct);
        string Name(string id) => names.TryGetValue(id, out var n) ? $"{n.DisplayName} ({n.Item1})" : id;
        return new ClaimDto(
            claim.Id, claim.DisplayNumber(names[claim.ClaimantId].Item1), claim.ClaimantId, Name(claim.ClaimantId), claim.Status.ToString(),
            new Money(claim.ClaimedFen).Yuan, new Money(claim.PayableFen).Yuan, ChineseAmount.Of(new Money(claim.PayableFen)),
            claim.HasTravelSummary, claim.ExceptionApproved, claim.Notes, Time(claim.SubmittedAt), Time(claim.PaidAt), claim.Version,
            instance?.CurrentStepKey, instance?.CurrentApproverId is { } approver ? Name(approver) : null, instance?.CurrentStepKey is not null ? Time(instance.StepStartedAt) : null,
            claim.Lines.OrderBy(l => l.Position).Select(l => new ClaimLineDto(
                l.Id, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), l.Category.ToString(), new Money(l.AmountFen).Yuan, l.ReceiptCount,
                l.Description, l.WorkOrders, l.NonCustomerService, new Money(l.ExcessFen).Yuan, l.ApprovedFen is { } f ? new Money(f).Yuan : null,
                l.Rejected, l.ReviewReason)).ToArray(),
            history.Select(h => new ApprovalHistoryDto(h.StepKey, h.Action.ToString(), Name(h.ActorId), h.OnBehalfOf is { } o ? Name(o) : null, Time(h.At)!, h.Comment)).ToArray());
    }

    private static async Task<Results<Ok<ClaimDto>, NotFound>> Get(int id, ClaimsPrincipal user, KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct) =>
        await LoadAsync(id, user, db, current, approvals, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound();

    private static async Task<Results<Created<ClaimDto>, ValidationProblem>> Create(ClaimInput input, ClaimsPrincipal user, ClaimUseCases claims,
        KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct) =>
        await claims.CreateAsync(UserId(user), input, ct) switch
        {
            ClaimResult.Ok ok => TypedResults.Created($"/api/expenses/claims/{ok.Id}", (await LoadAsync(ok.Id, user, db, current, approvals, ct))!),
            ClaimResult.Invalid invalid => invalid.Problems.ToProblem(),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<ClaimDto>, ValidationProblem, NotFound, Conflict>> Update(int id, ClaimInput input, ClaimsPrincipal user, ClaimUseCases claims,
        KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct) =>
        await claims.UpdateAsync(UserId(user), id, input, ct) switch
        {
            ClaimResult.Ok => TypedResults.Ok((await LoadAsync(id, user, db, current, approvals, ct))!),
            ClaimResult.Invalid invalid => invalid.Problems.ToProblem(),
            ClaimResult.Conflict => TypedResults.Conflict(),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<Ok<ClaimDto>, ValidationProblem, NotFound, Conflict>> Submit(int id, ClaimsPrincipal user, ClaimUseCases claims,
        KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct) =>
        await claims.SubmitAsync(UserId(user), id, ct) switch
        {
            ClaimResult.Ok => TypedResults.Ok((await LoadAsync(id, user, db, current, approvals, ct))!),
            ClaimResult.Invalid invalid => invalid.Problems.ToProblem(),
            ClaimResult.Conflict => TypedResults.Conflict(),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<Ok<ClaimDto>, ValidationProblem, NotFound, Conflict, ForbidHttpResult>> Decide(int id, ClaimDecisionInput input, ClaimsPrincipal user,
        ClaimUseCases claims, KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct)
    {
        var (result, outcome) = await claims.DecideAsync(UserId(user), id, input, await current.GetViewerAsync(ct), ct);
        return (result, outcome) switch
        {
            (ClaimResult.Invalid invalid, _) => invalid.Problems.ToProblem(),
            (ClaimResult.NotFound, _) => TypedResults.NotFound(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotTheApprover }) => TypedResults.Forbid(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.NotPending }) => TypedResults.Conflict(),
            (_, ApprovalOutcome.Refused { Refusal: ApprovalRefusal.CommentRequired }) => new ProblemBuilder().Add("comment", "Expense.CommentRequired").ToProblem(),
            (_, ApprovalOutcome.NotOpenYet wait) => new ProblemBuilder().Add("stepKey", "Expense.FinanceWindowClosed", wait.OpensAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToProblem(),
            _ => TypedResults.Ok((await LoadAsync(id, user, db, current, approvals, ct))!),
        };
    }

    private static async Task<Ok<List<InboxRowDto>>> Inbox(ClaimsPrincipal user, ApprovalService approvals, KefuDbContext db, CancellationToken ct)
    {
        var items = await approvals.InboxAsync(UserId(user), ct);
        var submitters = items.Select(i => i.SubmitterId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => submitters.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return TypedResults.Ok(items.Select(i => new InboxRowDto(i.Id, i.SubjectType, i.SubjectId, i.Title, i.CurrentStepKey!, names.GetValueOrDefault(i.SubmitterId, ""),
            Time(i.SubmittedAt)!, Time(i.StepStartedAt), i.Link)).ToList());
    }

    private static async Task<Ok<List<ApprovalDelegation>>> MyDelegations(ClaimsPrincipal user, KefuDbContext db, CancellationToken ct)
    {
        var id = UserId(user);
        return TypedResults.Ok(await db.Set<ApprovalDelegation>().AsNoTracking().Where(d => d.DelegatorId == id || d.DeputyId == id).OrderByDescending(d => d.Id).ToListAsync(ct));
    }

    private static async Task<Results<Created, ValidationProblem>> Delegate(DelegationInput input, ClaimsPrincipal user, KefuDbContext db, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("deputyUserName", input.DeputyUserName);
        if (input.From is null)
        {
            problems.Add("from", "Validation.FieldRequired", "from");
        }

        if (input.To is null || (input.From is { } f && input.To < f))
        {
            problems.Add("to", "Calendar.ToBeforeFrom");
        }

        var deputy = string.IsNullOrWhiteSpace(input.DeputyUserName) ? null
            : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.UserName == input.DeputyUserName.Trim() && u.Status == StaffStatus.Active, ct);
        if (!string.IsNullOrWhiteSpace(input.DeputyUserName) && (deputy is null || deputy.Id == UserId(user)))
        {
            problems.Add("deputyUserName", "Rotation.UnknownSuccessor");
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var delegation = new ApprovalDelegation { DelegatorId = UserId(user), DeputyId = deputy!.Id, From = input.From!.Value, To = input.To!.Value };
        db.Add(delegation);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/approvals/delegations/{delegation.Id}");
    }

    private static string? Time(DateTime? utc) =>
        utc is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
}
