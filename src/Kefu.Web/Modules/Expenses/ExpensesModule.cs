using System.Globalization;
using System.Security.Claims;
using Kefu.Core.Approvals;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

public sealed record ClaimLineDto(int Id, string Date, string Category, decimal Amount, int ReceiptCount, string? Description, string? WorkOrders,
    bool NonCustomerService, decimal Excess, decimal? ApprovedAmount, bool Rejected, string? ReviewReason);

public sealed record ApprovalHistoryDto(string StepKey, string Action, string Actor, string? OnBehalfOf, string At, string? Comment);

/// <summary>A claim; its <c>Number</c> (the claimant's, EXP-02) is null for a draft never submitted.</summary>
public sealed record ClaimDto(
    int Id, string? Number, string ClaimantId, string Claimant, string Status, decimal Claimed, decimal Payable, string PayableInCapitals,
    bool HasTravelSummary, bool ExceptionApproved, string? Notes, string? SubmittedAt, string? PaidAt, int Version,
    string? CurrentStep, string? CurrentApprover, string? StepOpensAt, IReadOnlyList<ClaimLineDto> Lines, IReadOnlyList<ApprovalHistoryDto> History);

public sealed record ClaimRowDto(int Id, string? Number, string Claimant, string Status, decimal Claimed, decimal Payable, string? SubmittedAt, string? CurrentStep);

/// <summary>An approval waiting for me; <c>title</c> in the caller's language, <c>titleKey</c> the key it was written from (null for older approvals).</summary>
public sealed record InboxRowDto(long InstanceId, string SubjectType, string SubjectId, string Title, string StepKey, string Submitter, string SubmittedAt, string? OpensAt, string? Link,
    string? TitleKey = null);

public sealed record FineResult(int Recorded);

public sealed record AttachmentDto(long Id, string Kind, string FileName, string ContentType, long Size);

public sealed record ChainInput(string? Name, IReadOnlyList<ChainStepDoc>? Steps);

public sealed record ReceivedInput(int? ClaimId);

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

    internal static readonly Role[] Reviewers = [Role.CentreSupervisor, Role.BranchGm, Role.ExpenseAuditor, Role.CsManager, Role.FinanceClerk];

    public const string ReviewPolicy = "ExpenseReviewer";
    public const string BatchPolicy = "ExpenseBatchBuilder";
    public const string ReceivePolicy = "ExpenseBatchReceiver";
    public const string ClaimPolicy = "ExpenseClaimant";
    public const string ReadPolicy = "ExpenseReader";

    public static void AddExpenses(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApproverResolver>();
        builder.Services.AddScoped<ApprovalService>();
        builder.Services.AddScoped<ApprovalChains>();
        builder.Services.AddScoped<Organization.Contracts.IOwnedRecords, ApprovalOwnership>();
        builder.Services.AddScoped<ClaimUseCases>();
        builder.Services.AddScoped<ClaimQueries>();
        builder.Services.AddScoped<ClaimFines>();
        builder.Services.AddScoped<ClaimBatches>();
        builder.Services.AddScoped<BatchPost>();
        builder.Services.AddScoped<ExpenseReports>();
        builder.Services.AddScoped<Performance.Contracts.IPenaltyLedger, Performance.PenaltyLedger>();
        builder.Services.AddScoped<IApprovalSubjectHandler, ExpenseApprovalHandler>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, Approvals.ApprovalsWaitingWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, MyClaimsWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, FinanceWidget>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, CompanyExpensesWidget>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ClaimPolicy, p => p.RequireRole(Claimants.Select(KefuRoles.Name)))
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Select(KefuRoles.Name)))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(Reviewers.Select(KefuRoles.Name)))
            .AddPolicy(BatchPolicy, p => p.RequireRole(KefuRoles.Name(Role.CentreSupervisor)))
            .AddPolicy(ReceivePolicy, p => p.RequireRole(KefuRoles.Name(Role.ExpenseAuditor)));
    }

    public static void MapExpenses(this RouteGroupBuilder api)
    {
        var claims = api.MapGroup("/expenses/claims").WithTags("Expenses");
        claims.MapGet("/", List).RequireAuthorization(ReadPolicy).WithName("ListClaims").WithSummary("Claims in the caller's scope, paged and filtered.");
        claims.MapGet("/{id:int}", Get).RequireAuthorization(ReadPolicy).WithName("GetClaim");
        claims.MapPost("/", Create).RequireWritePolicy(ClaimPolicy).WithName("CreateClaim")
              .WithSummary("A draft claim of the caller; it takes the caller's next consecutive number when first submitted (EXP-02).");
        claims.MapPut("/{id:int}", Update).RequireWritePolicy(ClaimPolicy).WithName("UpdateClaim");
        claims.MapDelete("/{id:int}", Delete).RequireWritePolicy(ClaimPolicy).WithName("DeleteClaim")
              .WithSummary("The claimant deletes their own draft that was never submitted (it has no number, so no gap opens); 409 for any other claim.");
        claims.MapPost("/{id:int}/submit", Submit).RequireWritePolicy(ClaimPolicy).WithName("SubmitClaim").WithSummary("Policy checks, then into the EXP-05 chain.");
        claims.MapPost("/{id:int}/attachments", Attach).RequireWritePolicy(ClaimPolicy).DisableAntiforgery().WithName("AttachToClaim")
              .WithSummary("Upload a receipt scan or the travel summary (multipart: kind, file); JPG, PNG or PDF (PLT-02).");
        claims.MapGet("/{id:int}/attachments/{attachmentId:long}", Download).RequireAuthorization(ReadPolicy).WithName("DownloadClaimAttachment");
        claims.MapPost("/{id:int}/fines", RaiseFine).RequireWritePolicy(ReviewPolicy).WithName("RaiseClaimFine")
              .WithSummary("EXP-09: a false claim, bad receipts or a late submission, recorded in the performance ledger.");
        claims.MapPost("/{id:int}/decision", Decide).RequireWritePolicy(WritePolicy.Act).WithName("DecideClaim").WithSummary("Approve, reject or return the current step, with line reductions (EXP-08).");

        var batches = api.MapGroup("/expenses/batches").WithTags("Expenses");
        batches.MapGet("/", async (int? page, ClaimBatches b, CurrentUser current, CancellationToken ct) =>
            TypedResults.Ok(await b.ListAsync(await current.GetViewerAsync(ct), page, ct))).RequireAuthorization(ReadPolicy).WithName("ListBatches");
        batches.MapGet("/{id:int}", async Task<Results<Ok<BatchDto>, NotFound>> (int id, ClaimBatches b, CurrentUser current, CancellationToken ct) =>
            await b.GetAsync(await current.GetViewerAsync(ct), id, ct) is { } dto ? TypedResults.Ok(dto) : TypedResults.NotFound())
            .RequireAuthorization(ReadPolicy).WithName("GetBatch").WithSummary("Detail list per person (numbers in order, gaps flagged), non-CS lines apart, summary (EXP-02, EXP-06).");
        batches.MapPost("/", async Task<Results<Created<BatchDto>, ValidationProblem>> (ClaimsPrincipal user, ClaimBatches b, CurrentUser current, CancellationToken ct) =>
        {
            var (id, problems) = await b.BuildAsync(UserId(user), ct);
            return id is null ? problems.ToProblem() : TypedResults.Created($"/api/expenses/batches/{id}", (await b.GetAsync(await current.GetViewerAsync(ct), id.Value, ct))!);
        }).RequireWritePolicy(BatchPolicy).WithName("BuildBatch").WithSummary("The supervisor builds the centre's batch of submitted forms (EXP-06).");
        batches.MapPost("/{id:int}/mail", async Task<Results<Ok<BatchDto>, ValidationProblem, NotFound, ProblemHttpResult>> (int id, ClaimsPrincipal user, BatchPost post, ClaimBatches b, CurrentUser current, CancellationToken ct) =>
        {
            var viewer = await current.GetViewerAsync(ct);
            var (outcome, problems) = await post.MailAsync(id, viewer, UserId(user), ct);
            return outcome switch
            {
                MailOutcome.Mailed => TypedResults.Ok((await b.GetAsync(viewer, id, ct))!),
                MailOutcome.Refused => problems.ToProblem(),
                MailOutcome.AlreadyMailed => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
                _ => TypedResults.NotFound(),
            };
        }).RequireWritePolicy(BatchPolicy).WithName("MailBatch")
          .WithSummary("EXP-12: the supervisor mails the batch once the branch GM signed every form; the lists are emailed to the HQ auditors; a batch mailed after its day is not reimbursed and alarms the CS managers.");
        batches.MapPost("/{id:int}/received", async Task<Results<NoContent, NotFound>> (int id, ReceivedInput input, ClaimsPrincipal user, BatchPost b, CancellationToken ct) =>
            await b.MarkReceivedAsync(id, input.ClaimId ?? 0, user.Identity?.Name ?? "", ct) ? TypedResults.NoContent() : TypedResults.NotFound())
            .RequireWritePolicy(ReceivePolicy).WithName("MarkBatchFormReceived").WithSummary("HQ marks a paper form as received (EXP-06); the auditor's deadline starts then (EXP-12).");

        api.MapGet("/expenses/reports", async Task<Results<Ok<ExpenseReport>, ValidationProblem>> (DateOnly? from, DateOnly? to, ExpenseReports reports, CurrentUser current, CancellationToken ct) =>
        {
            var (defaultFrom, defaultTo) = reports.ThisMonth();
            var (f, t) = (from ?? defaultFrom, to ?? defaultTo);
            if (f.Year is < 2000 or > 2100 || t.Year is < 2000 or > 2100 || t < f)
            {
                return new ProblemBuilder().Add("to", "Calendar.ToBeforeFrom").ToProblem();
            }

            return TypedResults.Ok(await reports.BuildAsync(await current.GetViewerAsync(ct), f, t, ct));
        }).RequireAuthorization(ReadPolicy).WithTags("Expenses").WithName("ExpenseReport")
          .WithSummary("EXP-11: by centre, person, category and month; non-CS; paid vs pending; overdue reviews.");

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/expense-policy", async (Kefu.Web.Platform.Settings.PolicyStore store, CancellationToken ct) =>
            TypedResults.Ok(await store.GetAsync<Kefu.Core.Expenses.ExpensePolicy>(Kefu.Core.Expenses.ExpensePolicy.Key, ct))).WithName("GetExpensePolicy");
        settings.MapPut("/expense-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SaveExpensePolicy").WithSummary("The numbers of EXP-03..09 (caps, threshold, days, fines).");
        settings.MapGet("/approval-chains/expense-claim", async (ClaimUseCases claims, ApprovalChains chains, CancellationToken ct) =>
            TypedResults.Ok(await chains.DocumentAsync(ClaimUseCases.DefaultChain(await claims.PolicyAsync(ct)), ct))).WithName("GetExpenseChain");
        settings.MapPut("/approval-chains/expense-claim", async Task<Results<NoContent, ValidationProblem>> (ChainInput input, ApprovalChains chains, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var problems = await chains.SaveAsync("expense-claim", input.Name, input.Steps, user.Identity?.Name, ct);
            return problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
        }).RequireWritePolicy(Policies.Administer).WithName("SaveExpenseChain").WithSummary("APR-01: the expense chain as data (steps by role and level, deadlines, conditions).");

        var approvals = api.MapGroup("/approvals").WithTags("Approvals");
        approvals.MapGet("/inbox", Inbox).WithName("ApprovalInbox").WithSummary("What waits for me, oldest first.");
        approvals.MapGet("/delegations", MyDelegations).WithName("ListMyDelegations");
        approvals.MapPost("/delegations", Delegate).RequireWritePolicy(WritePolicy.Act).WithName("CreateDelegation").WithSummary("A deputy acts for me between two dates.");
    }

    private static string UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private static async Task<Results<Ok<Paged<ClaimRowDto>>, ValidationProblem>> List(string? status, int? page, int? pageSize, string? sort, string? dir, ClaimQueries queries, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, queries.Sorts(), problems);
        return problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(await queries.ListAsync(await current.GetViewerAsync(ct), Enum.TryParse<ClaimStatus>(status, ignoreCase: true, out var s) ? s : null, page, pageSize, ct, sort: order));
    }

    internal static Task<ClaimDto?> LoadAsync(int id, ClaimsPrincipal user, KefuDbContext db, CurrentUser current, ApprovalService approvals, CancellationToken ct) =>
        ClaimQueries.LoadAsync(id, user.FindFirstValue(ClaimTypes.NameIdentifier)!, db, current, approvals, ct);

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

    private static async Task<Results<NoContent, NotFound, Conflict>> Delete(int id, ClaimsPrincipal user, ClaimUseCases claims, CancellationToken ct) =>
        await claims.DeleteDraftAsync(UserId(user), id, ct) switch
        {
            ClaimResult.Ok => TypedResults.NoContent(),
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
            (_, ApprovalOutcome.NoApprover missing) => new ProblemBuilder().Add("stepKey", "Expense.NoApprover", missing.StepKey, missing.Role).ToProblem(),
            (_, ApprovalOutcome.NotOpenYet wait) => new ProblemBuilder().Add("stepKey", "Expense.FinanceWindowClosed", wait.OpensAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).ToProblem(),
            _ => TypedResults.Ok((await LoadAsync(id, user, db, current, approvals, ct))!),
        };
    }

    internal static async Task<(Kefu.Web.Platform.Attachments.Attachment? Saved, ProblemBuilder Problems, bool Found)> AttachAsync(
        int id, string? kind, IFormFile? file, string userId, KefuDbContext db, Kefu.Web.Platform.Attachments.AttachmentStore store, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().SingleOrDefaultAsync(c => c.Id == id && c.ClaimantId == userId, ct);
        if (claim is null)
        {
            return (null, new ProblemBuilder(), false);
        }

        var problems = new ProblemBuilder();
        if (kind is not ("Receipt" or "TravelSummary"))
        {
            return (null, problems.Add("kind", "Attachment.BadKind"), true);
        }

        if (claim.Status is not (ClaimStatus.Draft or ClaimStatus.Returned))
        {
            return (null, problems.Add("file", "Attachment.NotEditable"), true);
        }

        var (saved, fileProblems) = await store.SaveAsync(ClaimUseCases.SubjectType, id.ToString(CultureInfo.InvariantCulture), kind, file, userId, ct);
        if (saved is null)
        {
            return (null, fileProblems, true);
        }

        // EXP-01: the travel summary attached is what the travel rule asks for.
        claim.HasTravelSummary |= kind == "TravelSummary";
        await db.SaveChangesAsync(ct);
        return (saved, problems, true);
    }

    private static async Task<Results<Created<AttachmentDto>, ValidationProblem, NotFound>> Attach(
        int id, IFormCollection form, ClaimsPrincipal user, KefuDbContext db, Kefu.Web.Platform.Attachments.AttachmentStore store, CancellationToken ct)
    {
        var (saved, problems, found) = await AttachAsync(id, form["kind"].ToString(), form.Files.GetFile("file"), UserId(user), db, store, ct);
        return !found ? TypedResults.NotFound()
            : saved is null ? problems.ToProblem()
            : TypedResults.Created($"/api/expenses/claims/{id}/attachments/{saved.Id}", new AttachmentDto(saved.Id, saved.Kind, saved.FileName, saved.ContentType, saved.Size));
    }

    private static async Task<Results<FileStreamHttpResult, NotFound>> Download(
        int id, long attachmentId, ClaimsPrincipal user, KefuDbContext db, CurrentUser current, ApprovalService approvals, Kefu.Web.Platform.Attachments.AttachmentStore store, CancellationToken ct)
    {
        // Whoever may see the claim may read its attachments (ORG-03), no one else.
        if (await LoadAsync(id, user, db, current, approvals, ct) is null)
        {
            return TypedResults.NotFound();
        }

        var attachment = (await store.ForRecordAsync(ClaimUseCases.SubjectType, id.ToString(CultureInfo.InvariantCulture), ct)).SingleOrDefault(a => a.Id == attachmentId);
        return attachment is null ? TypedResults.NotFound() : TypedResults.File(store.Open(attachment), attachment.ContentType, attachment.FileName);
    }

    private static async Task<Results<Ok<FineResult>, ValidationProblem, NotFound>> RaiseFine(int id, FineInput input, ClaimsPrincipal user, ClaimFines fines, CurrentUser current, CancellationToken ct)
    {
        var (recorded, problems, found) = await fines.RaiseAsync(id, input, await current.GetViewerAsync(ct), user.Identity?.Name ?? "", ct);
        return !found ? TypedResults.NotFound() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new FineResult(recorded));
    }

    /// <summary>Saves the expense policy after checking every number is sensible; nothing is saved on a 400.</summary>
    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(Kefu.Core.Expenses.ExpensePolicy input, Kefu.Web.Platform.Settings.PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (input.BatchDays is null || input.CentreCaps is null || input.CentreCaps.Values.Any(c => c is null || c.PhoneYuan < 0 || c.CityTransportYuan < 0))
        {
            return problems.Add(input.BatchDays is null ? "batchDays" : "centreCaps", "Policy.OutOfRange", 0, "∞").ToProblem();
        }

        if (input.FinanceClosedFromDay <= input.FinanceOpensOnDay)
        {
            problems.Add("financeClosedFromDay", "Policy.OutOfRange", input.FinanceOpensOnDay + 1, 31);
        }

        if (input.MaxAgeMonths is < 1 or > 24) { problems.Add("maxAgeMonths", "Policy.OutOfRange", 1, 24); }
        if (input.PhoneCapYuan < 0 || input.CityTransportCapYuan < 0) { problems.Add("phoneCapYuan", "Policy.OutOfRange", 0, "∞"); }
        if (input.VpThresholdYuan <= 0) { problems.Add("vpThresholdYuan", "Policy.OutOfRange", 0.01m, "∞"); }
        if (input.AuditorDays is < 1 or > 60 || input.ManagerDays is < 1 or > 60 || input.FinancePayDays is < 1 or > 60) { problems.Add("auditorDays", "Policy.OutOfRange", 1, 60); }
        if (input.BatchDays.Count == 0 || input.BatchDays.Any(d => d is < 1 or > 31)) { problems.Add("batchDays", "Policy.OutOfRange", 1, 31); }
        if (input.FinanceClosedFromDay is < 1 or > 31 || input.FinanceOpensOnDay is < 1 or > 28) { problems.Add("financeClosedFromDay", "Policy.OutOfRange", 1, 31); }
        if (input.FalseClaimFineYuan < 0 || input.ReceiptFineYuan < 0 || input.AuditorLateFinePerDayYuan < 0) { problems.Add("falseClaimFineYuan", "Policy.OutOfRange", 0, "∞"); }
        if (input.LateBatchGraceDays is < 0 or > 31) { problems.Add("lateBatchGraceDays", "Policy.OutOfRange", 0, 31); }
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(Kefu.Core.Expenses.ExpensePolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<List<InboxRowDto>>> Inbox(ClaimsPrincipal user, ApprovalService approvals, KefuDbContext db, CancellationToken ct)
    {
        var items = await approvals.InboxAsync(UserId(user), ct);
        var submitters = items.Select(i => i.SubmitterId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => submitters.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return TypedResults.Ok(items.Select(i => new InboxRowDto(i.Id, i.SubjectType, i.SubjectId, Kefu.Web.Platform.Localization.LocalText.Show(i.Title), i.CurrentStepKey!, names.GetValueOrDefault(i.SubmitterId, ""),
            Time(i.SubmittedAt)!, Time(i.StepStartedAt), i.Link, Kefu.Web.Platform.Localization.LocalText.KeyOf(i.Title))).ToList());
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

    internal static string? Time(DateTime? utc) =>
        utc is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)).ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null;
}
