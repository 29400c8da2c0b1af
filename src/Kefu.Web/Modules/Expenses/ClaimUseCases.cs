using Kefu.Core.Approvals;
using Kefu.Core.Expenses;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Modules.Approvals.Contracts;
using Kefu.Web.Platform.Attachments;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Expenses;

public sealed record ClaimLineInput(DateOnly? Date, ExpenseCategory? Category, decimal? Amount, int? ReceiptCount, string? Description, string? WorkOrders, bool? NonCustomerService);

public sealed record ClaimInput(IReadOnlyList<ClaimLineInput>? Lines, bool? HasTravelSummary, bool? ExceptionApproved, string? Notes, int? Version);

/// <summary>A reviewer's change to one line (EXP-08).</summary>
public sealed record LineReview(int LineId, decimal? ApprovedAmount, bool? Rejected, string? Reason);

public sealed record ClaimDecisionInput(string? StepKey, ApprovalAction? Action, string? Comment, IReadOnlyList<LineReview>? Lines);

public abstract record ClaimResult
{
    public sealed record Ok(int Id) : ClaimResult;
    public sealed record Invalid(ProblemBuilder Problems) : ClaimResult;
    public sealed record NotFound : ClaimResult;
    public sealed record Forbidden : ClaimResult;
    public sealed record Conflict : ClaimResult;
}

/// <summary>Claims: draft, check, submit into the EXP-05 chain, review (EXP-01..08).</summary>
public sealed class ClaimUseCases(
    KefuDbContext db, PolicyStore policies, ApprovalService approvals, ApprovalChains chains, NumberSequences sequences, AttachmentStore attachments, TimeProvider clock)
{
    public const string SubjectType = "ExpenseClaim";

    /// <summary>EXP-02: each claimant's forms are numbered in a sequence of their own (scope: the claimant's id).</summary>
    public const string NumberSequence = "ExpenseClaim";

    public async Task<ExpensePolicy> PolicyAsync(CancellationToken ct) => await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);

    /// <summary>EXP-05's chain as the policy's numbers make it; an administrator's saved chain replaces it.</summary>
    public static ApprovalChain DefaultChain(ExpensePolicy p) => ApprovalChain.Expenses(p.AuditorDays, p.ManagerDays, p.VpThresholdYuan, p.FinancePayDays);

    public async Task<ApprovalChain> ChainAsync(ExpensePolicy p, CancellationToken ct) => await chains.GetAsync(DefaultChain(p), ct);

    /// <summary>A draft of the claimant. It has no number until it is first submitted (EXP-02), so an abandoned draft leaves no gap.</summary>
    public async Task<ClaimResult> CreateAsync(string claimantId, ClaimInput input, CancellationToken ct)
    {
        var policy = await PolicyAsync(ct);
        var problems = Validate(input, policy, submitting: false);
        if (problems.HasErrors)
        {
            return new ClaimResult.Invalid(problems);
        }

        var claimant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == claimantId, ct);
        var claim = new ExpenseClaim
        {
            ClaimantId = claimantId,
            OrgPath = claimant.OrgPath,
            CentreId = claimant.OrgUnitId,
            Status = ClaimStatus.Draft,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Apply(claim, input);
        db.Add(claim);
        await db.SaveChangesAsync(ct);
        return new ClaimResult.Ok(claim.Id);
    }

    public async Task<ClaimResult> UpdateAsync(string userId, int id, ClaimInput input, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id && c.ClaimantId == userId, ct);
        if (claim is null)
        {
            return new ClaimResult.NotFound();
        }

        if (claim.Status is not (ClaimStatus.Draft or ClaimStatus.Returned))
        {
            return new ClaimResult.Conflict();
        }

        if (input.Version is { } version && version != claim.Version)
        {
            return new ClaimResult.Conflict();
        }

        var problems = Validate(input, await PolicyAsync(ct), submitting: false);
        if (problems.HasErrors)
        {
            return new ClaimResult.Invalid(problems);
        }

        db.RemoveRange(claim.Lines);
        claim.Lines.Clear();
        Apply(claim, input);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed (or submitted) by another request since it was read.
            return new ClaimResult.Conflict();
        }

        return new ClaimResult.Ok(claim.Id);
    }

    /// <summary>
    /// The claim form: the claimant's input (new or an existing draft), the travel summary and the
    /// receipts chosen on the form (EXP-01, PLT-02), and with <paramref name="submit"/> the
    /// submission, as one unit of work. When anything is refused nothing is kept, neither a new
    /// draft nor the edit of an existing one nor any file, so the person fixes the same form and
    /// sends it again: one claim, whatever the number of attempts. A refused file is named in the
    /// problem's field "travelSummary" or "receipts".
    /// </summary>
    public async Task<ClaimResult> SaveFormAsync(string userId, int? id, ClaimInput input, IFormFile? travelSummary, IReadOnlyList<IFormFile> receipts, bool submit, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var written = new List<Attachment>();
        try
        {
            return await SaveFormInTransactionAsync(tx, written, userId, id, input, travelSummary, receipts, submit, ct);
        }
        catch
        {
            // The rows roll back with the transaction; the files written so far go too.
            attachments.DeleteFiles(written);
            throw;
        }
    }

    private async Task<ClaimResult> SaveFormInTransactionAsync(
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, List<Attachment> written, string userId, int? id, ClaimInput input,
        IFormFile? travelSummary, IReadOnlyList<IFormFile> receipts, bool submit, CancellationToken ct)
    {
        var result = id is { } existing ? await UpdateAsync(userId, existing, input, ct) : await CreateAsync(userId, input, ct);
        if (result is ClaimResult.Ok saved)
        {
            var key = saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var problems = new ProblemBuilder();
            var files = receipts.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).Select(f => ("receipts", "Receipt", f)).ToList();
            if (travelSummary is not null)
            {
                files.Insert(0, ("travelSummary", "TravelSummary", travelSummary));
            }

            // Every file is checked (all the refusals are shown at once); none is kept if one is refused.
            foreach (var (field, kind, file) in files)
            {
                var (attached, refused) = await attachments.SaveAsync(SubjectType, key, kind, file, userId, ct);
                if (attached is not null)
                {
                    written.Add(attached);
                    continue;
                }

                foreach (var message in refused.Errors.SelectMany(e => e.Value))
                {
                    problems.Add(field, "Attachment.FileRefused", Path.GetFileName(file.FileName), message);
                }
            }

            if (problems.HasErrors)
            {
                result = new ClaimResult.Invalid(problems);
            }
            else if (written.Count > 0)
            {
                if (written.Any(a => a.Kind == "TravelSummary"))
                {
                    (await db.Set<ExpenseClaim>().SingleAsync(c => c.Id == saved.Id, ct)).HasTravelSummary = true;
                }

                await db.SaveChangesAsync(ct);
            }
        }

        if (result is ClaimResult.Ok ok && submit)
        {
            result = await SubmitAsync(userId, ok.Id, ct);
        }

        if (result is ClaimResult.Ok)
        {
            await tx.CommitAsync(ct);
            return result;
        }

        await tx.RollbackAsync(ct);
        db.ChangeTracker.Clear();
        attachments.DeleteFiles(written);
        return result;
    }

    /// <summary>
    /// Policy checks again on submit (EXP-03/04, travel summary), the claimant's next number at the
    /// first submission (EXP-02), then into the chain (EXP-05); all in one transaction.
    /// </summary>
    public async Task<ClaimResult> SubmitAsync(string userId, int id, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id && c.ClaimantId == userId, ct);
        if (claim is null)
        {
            return new ClaimResult.NotFound();
        }

        if (claim.Status is not (ClaimStatus.Draft or ClaimStatus.Returned))
        {
            return new ClaimResult.Conflict();
        }

        var policy = await PolicyAsync(ct);
        var key = claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        claim.HasTravelSummary = await db.Set<Attachment>()
            .AnyAsync(a => a.RecordType == SubjectType && a.RecordId == key && a.Kind == "TravelSummary", ct);
        var input = new ClaimInput(
            claim.Lines.OrderBy(l => l.Position).Select(l => new ClaimLineInput(l.Date, l.Category, new Money(l.AmountFen).Yuan, l.ReceiptCount, l.Description, l.WorkOrders, l.NonCustomerService)).ToArray(),
            claim.HasTravelSummary, claim.ExceptionApproved, claim.Notes, null);
        var problems = Validate(input, policy, submitting: true);
        if (problems.HasErrors)
        {
            return new ClaimResult.Invalid(problems);
        }

        // Inside the form's unit of work (SaveAndSubmitAsync) the caller commits.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await ApplyCapsAsync(claim, policy, ct);
        claim.Status = ClaimStatus.InReview;
        claim.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        // A returned form keeps its number; only the first submission takes one (EXP-02).
        claim.Number ??= checked((int)await sequences.NextAsync(NumberSequence, claim.ClaimantId, ct));
        var claimant = await db.Users.AsNoTracking().SingleAsync(u => u.Id == claim.ClaimantId, ct);
        var outcome = await approvals.SubmitAsync(new SubmitApproval(
            await ChainAsync(policy, ct), SubjectType, key,
            Kefu.Web.Platform.Localization.LocalText.Of("ApprovalTitle.Claim", claim.DisplayNumber(claimant.UserName!), new Money(claim.PayableFen).ToString()).Store(300), claim.ClaimantId, claim.OrgPath,
            new Dictionary<string, decimal> { ["amount"] = new Money(claim.ClaimedFen).Yuan }, $"/expenses/{claim.Id}"), ct);
        if (outcome is ApprovalOutcome.NoApprover missing)
        {
            return new ClaimResult.Invalid(new ProblemBuilder().Add("claim", "Expense.NoApprover", missing.StepKey, missing.Role));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same form submitted twice at once: the other submission won (its version is newer).
            return new ClaimResult.Conflict();
        }

        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new ClaimResult.Ok(claim.Id);
    }

    /// <summary>
    /// The claimant deletes a draft never submitted, with its attachments. A form with a number
    /// (submitted once, or numbered by an older release) stays: deleting it would open a gap (EXP-02).
    /// </summary>
    public async Task<ClaimResult> DeleteDraftAsync(string userId, int id, CancellationToken ct)
    {
        var claim = await db.Set<ExpenseClaim>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id && c.ClaimantId == userId, ct);
        if (claim is null)
        {
            return new ClaimResult.NotFound();
        }

        if (claim.Status != ClaimStatus.Draft || claim.Number is not null)
        {
            return new ClaimResult.Conflict();
        }

        var files = await attachments.RemoveForRecordAsync(SubjectType, claim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        db.Remove(claim);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Submitted or changed meanwhile.
            return new ClaimResult.Conflict();
        }

        attachments.DeleteFiles(files);
        return new ClaimResult.Ok(id);
    }

    /// <summary>An approver's decision, with line reductions or rejections first (EXP-08).</summary>
    public async Task<(ClaimResult Result, ApprovalOutcome? Outcome)> DecideAsync(string actorId, int id, ClaimDecisionInput input, ScopeViewer viewer, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("stepKey", input.StepKey);
        if (input.Action is not { } action || action == ApprovalAction.Submit || !Enum.IsDefined(action))
        {
            problems.Add("action", "Expense.BadAction");
        }

        if (problems.HasErrors)
        {
            return (new ClaimResult.Invalid(problems), null);
        }

        var claim = await db.Set<ExpenseClaim>().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == id, ct);
        var (instance, _) = await approvals.ForSubjectAsync(SubjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
        // Out of scope and not the approver: the claim does not exist for this caller (ORG-03).
        if (claim is null || instance is null || (!viewer.CanSee(claim.ClaimantId, claim.OrgPath) && instance.CurrentApproverId != actorId
            && !await db.Set<ApprovalDelegation>().AnyAsync(d => d.DeputyId == actorId && d.DelegatorId == instance.CurrentApproverId, ct)))
        {
            return (new ClaimResult.NotFound(), null);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var (review, index) in (input.Lines ?? []).Select((r, i) => (r, i)))
        {
            var line = claim.Lines.SingleOrDefault(l => l.Id == review.LineId);
            if (line is null)
            {
                problems.Add($"lines[{index}].lineId", "Expense.UnknownLine");
                continue;
            }

            var approved = review.ApprovedAmount ?? new Money(line.AmountFen).Yuan;
            if (decimal.Round(approved, 2) != approved)
            {
                problems.Add($"lines[{index}].approvedAmount", "Expense.AmountTooPrecise");
                continue;
            }

            if (ExpenseRules.ReductionMustBeBelowTheClaimWithAReason(new Money(line.AmountFen).Yuan, approved, review.Rejected == true ? "x" : review.Reason, index) is { } violation)
            {
                problems.Add($"lines[{index}].approvedAmount", violation.MessageKey, violation.Args);
                continue;
            }

            if (review.Rejected == true && string.IsNullOrWhiteSpace(review.Reason))
            {
                problems.Add($"lines[{index}].reason", "Expense.ReasonRequired");
                continue;
            }

            line.ApprovedFen = Money.FromYuan(approved).Fen == line.AmountFen ? null : Money.FromYuan(approved).Fen;
            line.Rejected = review.Rejected == true;
            line.ReviewReason = string.IsNullOrWhiteSpace(review.Reason) ? line.ReviewReason : review.Reason.Trim();
        }

        if (problems.HasErrors)
        {
            return (new ClaimResult.Invalid(problems), null);
        }

        Recalculate(claim);
        var policy = await PolicyAsync(ct);
        var outcome = await approvals.ActAsync(await ChainAsync(policy, ct), new ApprovalDecision(instance.Id, input.StepKey!, input.Action!.Value, input.Comment), actorId, ct);
        if (outcome is ApprovalOutcome.Done)
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }

        return (new ClaimResult.Ok(claim.Id), outcome);
    }

    private ProblemBuilder Validate(ClaimInput input, ExpensePolicy policy, bool submitting)
    {
        var problems = new ProblemBuilder();
        var lines = input.Lines ?? [];
        if (lines.Count == 0)
        {
            problems.Add("lines", "Expense.NoLines");
        }

        if (lines.Count > 200)
        {
            problems.Add("lines", "Expense.TooManyLines");
        }

        problems.MaxLength("notes", input.Notes, 1000);
        var facts = new List<ExpenseLineFacts>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (line.Date is null)
            {
                problems.Add($"lines[{i}].date", "Validation.FieldRequired", "date");
            }

            if (line.Category is not { } category || !Enum.IsDefined(category))
            {
                problems.Add($"lines[{i}].category", "Expense.BadCategory");
            }

            if (line.Amount is not { } amount)
            {
                problems.Add($"lines[{i}].amount", "Validation.FieldRequired", "amount");
            }
            else if (ExpenseRules.AmountMustBePositiveToTheFen(amount, i) is { } bad)
            {
                problems.Add($"lines[{i}].amount", bad.MessageKey);
            }
            else if (amount > ChineseAmount.Max.Yuan)
            {
                problems.Add($"lines[{i}].amount", "Expense.AmountTooLarge");
            }

            if (line.ReceiptCount is < 0 or > 1000)
            {
                problems.Add($"lines[{i}].receiptCount", "Expense.BadReceiptCount");
            }

            problems.MaxLength($"lines[{i}].description", line.Description, 500).MaxLength($"lines[{i}].workOrders", line.WorkOrders, 200);
            if (line.Date is { } date && line.Category is { } c && line.Amount is { } a)
            {
                facts.Add(new ExpenseLineFacts(date, c, a, line.NonCustomerService == true));
            }
        }

        if (!problems.HasErrors && lines.Sum(l => l.Amount ?? 0m) > ChineseAmount.Max.Yuan)
        {
            problems.Add("lines", "Expense.AmountTooLarge");
        }

        // The company's day (Asia/Shanghai, UTC+8) is what "one month old" and "future" count in.
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        for (var i = 0; i < lines.Count; i++)
        {
            // A future date would also dodge the monthly caps (EXP-03), which count by the expense's month.
            if (lines[i].Date is { } date && date > today)
            {
                problems.Add($"lines[{i}].date", "Expense.FutureDate");
            }
        }

        if (submitting && !problems.HasErrors)
        {
            for (var i = 0; i < facts.Count; i++)
            {
                if (ExpenseRules.ExpenseMustBeWithinOneMonth(facts[i], i, today, policy, input.ExceptionApproved == true) is { } old)
                {
                    problems.Add($"lines[{i}].date", old.MessageKey, old.Args);
                }
            }

            if (ExpenseRules.TravelNeedsTravelSummary(facts, input.HasTravelSummary == true) is { } travel)
            {
                problems.Add("hasTravelSummary", travel.MessageKey);
            }
        }

        return problems;
    }

    /// <summary>
    /// The claimant's fields. The travel-summary flag follows the attached summary and the exception
    /// flag is a reviewer's decision: neither is taken from the claimant's input.
    /// </summary>
    private static void Apply(ExpenseClaim claim, ClaimInput input)
    {
        claim.Notes = string.IsNullOrWhiteSpace(input.Notes) ? null : input.Notes.Trim();
        var position = 0;
        foreach (var line in input.Lines ?? [])
        {
            claim.Lines.Add(new ExpenseLine
            {
                Position = ++position,
                Date = line.Date!.Value,
                Category = line.Category!.Value,
                AmountFen = Money.FromYuan(line.Amount!.Value).Fen,
                ReceiptCount = line.ReceiptCount ?? 0,
                Description = string.IsNullOrWhiteSpace(line.Description) ? null : line.Description.Trim(),
                WorkOrders = string.IsNullOrWhiteSpace(line.WorkOrders) ? null : line.WorkOrders.Trim(),
                NonCustomerService = line.NonCustomerService == true,
            });
        }

        Recalculate(claim);
    }

    /// <summary>EXP-03 at submission: what the claimant already claimed this month in the capped categories.</summary>
    private async Task ApplyCapsAsync(ExpenseClaim claim, ExpensePolicy policy, CancellationToken ct)
    {
        var centreCode = await db.OrgUnits.Where(u => u.Id == claim.CentreId).Select(u => u.Code).SingleOrDefaultAsync(ct);
        var caps = policy.CapsFor(centreCode);
        var earlier = await db.Set<ExpenseClaim>().AsNoTracking()
            .Where(c => c.ClaimantId == claim.ClaimantId && c.Id != claim.Id && (c.Status == ClaimStatus.InReview || c.Status == ClaimStatus.Paid))
            .SelectMany(c => c.Lines).Where(l => l.Category == ExpenseCategory.Phone || l.Category == ExpenseCategory.CityTransport)
            .Select(l => new { l.Date, l.Category, l.AmountFen, l.ExcessFen }).ToListAsync(ct);
        var used = earlier.GroupBy(l => (l.Date.Year, l.Date.Month, l.Category)).ToDictionary(g => g.Key, g => g.Sum(l => l.AmountFen - l.ExcessFen));
        foreach (var line in claim.Lines.OrderBy(l => l.Date).ThenBy(l => l.Position))
        {
            var key = (line.Date.Year, line.Date.Month, line.Category);
            var already = used.GetValueOrDefault(key);
            var (reimbursable, excess) = ExpenseRules.CapPerPersonPerMonth(line.Category, new Money(already).Yuan, new Money(line.AmountFen).Yuan, caps, claim.ExceptionApproved);
            line.ExcessFen = Money.FromYuan(excess).Fen;
            used[key] = already + Money.FromYuan(reimbursable).Fen;
        }

        Recalculate(claim);
    }

    internal static void Recalculate(ExpenseClaim claim)
    {
        claim.ClaimedFen = claim.Lines.Sum(l => l.AmountFen);
        claim.PayableFen = claim.Lines.Sum(l => Money.FromYuan(ExpenseRules.Payable(
            new Money(l.AmountFen - l.ExcessFen).Yuan, l.ApprovedFen is { } a ? new Money(Math.Min(a, l.AmountFen - l.ExcessFen)).Yuan : null, l.Rejected)).Fen);
    }
}
