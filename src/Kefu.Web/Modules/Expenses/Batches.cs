using System.Globalization;
using Kefu.Core.Expenses;
using Kefu.Core.Money;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Approvals;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Settings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kefu.Web.Modules.Expenses;

/// <summary>A centre's batch of paper forms sent to HQ (EXP-06), with the detail list and the summary sheet.</summary>
public sealed class ClaimBatch : IScopedRecord
{
    public int Id { get; set; }
    public int CentreId { get; set; }
    public string OrgPath { get; set; } = "/";
    public DateOnly BatchDate { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>EXP-12: when the supervisor mailed the paper forms to HQ; null while the batch is being put together.</summary>
    public DateTime? MailedAt { get; set; }

    public string? MailedBy { get; set; }

    /// <summary>EXP-12: mailed after its batch day: the forms in review are not reimbursed.</summary>
    public bool Late { get; set; }

    static string IScopedRecord.OwnerProperty => nameof(CreatedBy);
}

/// <summary>A form in a batch, and when HQ marked the paper as received.</summary>
public sealed class ClaimBatchItem
{
    public int BatchId { get; set; }
    public int ClaimId { get; set; }
    public DateTime? ReceivedAt { get; set; }
    public string? ReceivedBy { get; set; }
}

public sealed class ClaimBatchConfiguration : IEntityTypeConfiguration<ClaimBatch>
{
    public void Configure(EntityTypeBuilder<ClaimBatch> builder)
    {
        builder.ToTable("ClaimBatches");
        builder.Property(b => b.OrgPath).HasMaxLength(200);
        builder.Property(b => b.CreatedBy).HasMaxLength(450);
        builder.Property(b => b.MailedBy).HasMaxLength(450);
        builder.HasIndex(b => b.OrgPath);
    }
}

public sealed class ClaimBatchItemConfiguration : IEntityTypeConfiguration<ClaimBatchItem>
{
    public void Configure(EntityTypeBuilder<ClaimBatchItem> builder)
    {
        builder.ToTable("ClaimBatchItems");
        builder.HasKey(i => new { i.BatchId, i.ClaimId });
        builder.Property(i => i.ReceivedBy).HasMaxLength(256);
        builder.HasIndex(i => i.ClaimId).IsUnique();
        builder.HasOne<ClaimBatch>().WithMany().HasForeignKey(i => i.BatchId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ExpenseClaim>().WithMany().HasForeignKey(i => i.ClaimId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed record BatchClaimDto(int ClaimId, string Number, int Sequence, string Status, decimal Claimed, decimal Payable, decimal NonCustomerService, bool Received, string? ReceivedAt,
    bool SignedByGm = false);

public sealed record BatchPersonDto(string Claimant, string UserName, IReadOnlyList<BatchClaimDto> Claims, IReadOnlyList<int> Gaps, decimal Total);

public sealed record NonCsLineDto(string Number, string Claimant, string Date, string Category, decimal Amount, string? Description);

public sealed record BatchDto(int Id, string Centre, string BatchDate, string CreatedAt, IReadOnlyList<BatchPersonDto> People,
    IReadOnlyList<NonCsLineDto> NonCustomerService, IReadOnlyDictionary<string, decimal> ByCategory, decimal Total, string TotalInCapitals, int Forms, int Received,
    string? MailedAt = null, bool Late = false, IReadOnlyList<string>? AwaitingSignature = null);

public sealed record BatchRowDto(int Id, string Centre, string BatchDate, int Forms, int Received, decimal Total);

/// <summary>EXP-06 batches and EXP-02 number gaps.</summary>
public sealed class ClaimBatches(KefuDbContext db, PolicyStore policies, CalendarService calendars, ApprovalService approvals, TimeProvider clock)
{
    /// <summary>
    /// The supervisor's centre batch: every submitted form of the centre not sent yet, dated on the
    /// next configured batch day (the 5th and the 20th, moved past holidays).
    /// </summary>
    public async Task<(int? Id, ProblemBuilder Problems)> BuildAsync(string supervisorId, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var supervisor = await db.Users.AsNoTracking().SingleAsync(u => u.Id == supervisorId, ct);
        var (centrePath, _) = await OrgTree.AnchorsAsync(db, supervisor.OrgPath, ct);
        var centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Path == centrePath && u.Kind == OrgUnitKind.Centre, ct);
        if (centre is null)
        {
            problems.Add("centre", "Batch.NoCentre");
            return (null, problems);
        }

        var pending = await db.Set<ExpenseClaim>()
            .Where(c => c.OrgPath.StartsWith(centrePath) && (c.Status == ClaimStatus.InReview || c.Status == ClaimStatus.Paid)
                && !db.Set<ClaimBatchItem>().Any(i => i.ClaimId == c.Id))
            .Select(c => c.Id).ToListAsync(ct);
        if (pending.Count == 0)
        {
            problems.Add("claims", "Batch.Nothing");
            return (null, problems);
        }

        var policy = await policies.GetAsync<ExpensePolicy>(ExpensePolicy.Key, ct);
        var calendar = await calendars.ForOrgPathAsync(db, centrePath, ct);
        var today = DateOnly.FromDateTime(calendar.ToCalendarTime(clock.GetUtcNow()).DateTime);
        var dates = ExpenseRules.BatchDates(today.Year, today.Month, policy, calendar)
            .Concat(ExpenseRules.BatchDates(today.AddMonths(1).Year, today.AddMonths(1).Month, policy, calendar));
        var batch = new ClaimBatch
        {
            CentreId = centre.Id, OrgPath = centrePath, BatchDate = dates.First(d => d >= today), CreatedBy = supervisorId,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        try
        {
            db.Add(batch);
            await db.SaveChangesAsync(ct);
            db.AddRange(pending.Select(id => new ClaimBatchItem { BatchId = batch.Id, ClaimId = id }));
            if (policy.PaperReceiptStartsAuditorClock)
            {
                // EXP-12: a form already waiting for the auditor goes into the post: its deadline waits for the paper.
                foreach (var id in pending)
                {
                    await approvals.HoldStepClockAsync(ClaimUseCases.SubjectType, id.ToString(CultureInfo.InvariantCulture), PaperFlow.AuditorStep, ct);
                }
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return (batch.Id, problems);
        }
        catch (DbUpdateException)
        {
            // Another supervisor of the centre built the batch at the same moment (the unique claim index).
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            problems.Add("claims", "Batch.Nothing");
            return (null, problems);
        }
    }

    /// <summary>The columns the batch list sorts on; the newest batch first when none is asked for.</summary>
    public SortMap<ClaimBatch> Sorts() => new SortMap<ClaimBatch>(q => q.OrderByDescending(b => b.Id), q => q.ThenByDescending(b => b.Id))
        .Add("number", b => b.Id).Add("date", b => b.BatchDate)
        .Add("centre", b => db.OrgUnits.Where(u => u.Id == b.CentreId).Select(u => u.Name).FirstOrDefault())
        .Add("forms", b => db.Set<ClaimBatchItem>().Count(i => i.BatchId == b.Id))
        .Add("received", b => db.Set<ClaimBatchItem>().Count(i => i.BatchId == b.Id && i.ReceivedAt != null))
        .Add("total", b => db.Set<ClaimBatchItem>().Where(i => i.BatchId == b.Id).Join(db.Set<ExpenseClaim>(), i => i.ClaimId, c => c.Id, (i, c) => c.PayableFen).Sum());

    public async Task<Paged<BatchRowDto>> ListAsync(ScopeViewer viewer, int? page, CancellationToken ct, string? state = null, ListSort? sort = null)
    {
        var (p, size) = Paging.Clamp(page, null);
        var query = Visible(viewer);
        query = state switch
        {
            WaitingState => Waiting(query),
            ReceivedState => Received(query),
            _ => query,
        };
        var total = await query.CountAsync(ct);
        var rows = await (from b in Sorts().Apply(query, sort).Skip((p - 1) * size).Take(size)
                          join u in db.OrgUnits on b.CentreId equals u.Id
                          select new
                          {
                              b.Id, u.Name, b.BatchDate,
                              Forms = db.Set<ClaimBatchItem>().Count(i => i.BatchId == b.Id),
                              Received = db.Set<ClaimBatchItem>().Count(i => i.BatchId == b.Id && i.ReceivedAt != null),
                              Total = db.Set<ClaimBatchItem>().Where(i => i.BatchId == b.Id)
                                  .Join(db.Set<ExpenseClaim>(), i => i.ClaimId, c => c.Id, (i, c) => c.PayableFen).Sum(),
                          }).ToListAsync(ct);
        return new Paged<BatchRowDto>(rows.Select(r => new BatchRowDto(r.Id, r.Name, r.BatchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Forms, r.Received, new Money(r.Total).Yuan)).ToArray(), p, size, total);
    }

    /// <summary>Dashboard filters (RPT-01): batches with forms HQ has not received yet; batches received in full.</summary>
    public const string WaitingState = "waiting";

    public const string ReceivedState = "received";

    /// <summary>A batch belongs to its centre: anyone who sees the centre sees its batches.</summary>
    public IQueryable<ClaimBatch> Visible(ScopeViewer viewer) =>
        db.Set<ClaimBatch>().AsNoTracking()
            .Where(b => viewer.VisiblePath != null && b.OrgPath.StartsWith(viewer.VisiblePath) || b.CreatedBy == viewer.UserId);

    public IQueryable<ClaimBatch> Waiting(IQueryable<ClaimBatch> batches) =>
        batches.Where(b => db.Set<ClaimBatchItem>().Any(i => i.BatchId == b.Id && i.ReceivedAt == null));

    public IQueryable<ClaimBatch> Received(IQueryable<ClaimBatch> batches) =>
        batches.Where(b => db.Set<ClaimBatchItem>().Any(i => i.BatchId == b.Id) && !db.Set<ClaimBatchItem>().Any(i => i.BatchId == b.Id && i.ReceivedAt == null));

    public async Task<BatchDto?> GetAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var batch = await db.Set<ClaimBatch>().AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null || !(viewer.VisiblePath is { } visible && OrgPath.IsWithin(batch.OrgPath, visible)) && batch.CreatedBy != viewer.UserId)
        {
            return null;
        }

        var items = await db.Set<ClaimBatchItem>().AsNoTracking().Where(i => i.BatchId == id).ToListAsync(ct);
        var claimIds = items.Select(i => i.ClaimId).ToArray();
        var claims = await db.Set<ExpenseClaim>().AsNoTracking().Include(c => c.Lines).Where(c => claimIds.Contains(c.Id)).ToListAsync(ct);
        var claimantIds = claims.Select(c => c.ClaimantId).Distinct().ToArray();
        var people = await db.Users.AsNoTracking().Where(u => claimantIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        // EXP-02: each person's numbers from their first form, so a missing form shows however old it is.
        var allNumbers = await db.Set<ExpenseClaim>().AsNoTracking().Where(c => claimantIds.Contains(c.ClaimantId) && c.Status != ClaimStatus.Draft && c.Number != null)
            .Select(c => new { c.ClaimantId, Number = c.Number!.Value }).ToListAsync(ct);
        var centre = await db.OrgUnits.AsNoTracking().Where(u => u.Id == batch.CentreId).Select(u => u.Name).SingleAsync(ct);
        var persons = claims.GroupBy(c => c.ClaimantId).OrderBy(g => people[g.Key].EmployeeNumber).Select(g =>
        {
            var user = people[g.Key];
            var rows = g.OrderBy(c => c.Number).Select(c =>
            {
                var item = items.Single(i => i.ClaimId == c.Id);
                // Only submitted forms go into a batch, and submitting numbers them.
                return new BatchClaimDto(c.Id, c.DisplayNumber(user.UserName!)!, c.Number!.Value, c.Status.ToString(), new Money(c.ClaimedFen).Yuan, new Money(c.PayableFen).Yuan,
                    new Money(c.Lines.Where(l => l.NonCustomerService).Sum(l => l.AmountFen)).Yuan, item.ReceivedAt is not null, ExpensesModule.Time(item.ReceivedAt));
            }).ToArray();
            var numbers = allNumbers.Where(n => n.ClaimantId == g.Key).Select(n => n.Number).Append(0);
            return new BatchPersonDto(user.DisplayName, user.UserName!, rows, ExpenseRules.GapsInConsecutiveNumbers(numbers.Where(n => n <= rows.Max(r => r.Sequence)).Append(0)),
                rows.Sum(r => r.Payable));
        }).ToArray();
        var nonCs = claims.SelectMany(c => c.Lines.Where(l => l.NonCustomerService).Select(l => new NonCsLineDto(
            c.DisplayNumber(people[c.ClaimantId].UserName!)!, people[c.ClaimantId].DisplayName, l.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            l.Category.ToString(), new Money(l.AmountFen).Yuan, l.Description))).ToArray();
        var byCategory = claims.SelectMany(c => c.Lines).GroupBy(l => l.Category.ToString())
            .ToDictionary(g => g.Key, g => new Money(g.Sum(l => l.AmountFen)).Yuan);
        var total = new Money(claims.Sum(c => c.PayableFen));
        var paper = (await PaperFormsAsync(id, ct)).ToDictionary(f => f.ClaimId, f => f.Form);
        persons = persons.Select(p => p with { Claims = p.Claims.Select(c => c with { SignedByGm = paper[c.ClaimId].SignedByGm }).ToArray() }).ToArray();
        var unsigned = PaperFlow.CheckForMailing(paper.Values).AwaitingSignature;
        return new BatchDto(batch.Id, centre, batch.BatchDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ExpensesModule.Time(batch.CreatedAt)!,
            persons, nonCs, byCategory, total.Yuan, ChineseAmount.Of(total), items.Count, items.Count(i => i.ReceivedAt is not null),
            ExpensesModule.Time(batch.MailedAt), batch.Late, unsigned);
    }

    /// <summary>
    /// The batch's forms as the paper flow sees them: the state of each form's latest chain and whether
    /// the branch GM has signed it.
    /// </summary>
    public async Task<IReadOnlyList<(int ClaimId, BatchForm Form)>> PaperFormsAsync(int batchId, CancellationToken ct)
    {
        var rows = await (from i in db.Set<ClaimBatchItem>().AsNoTracking()
                          join c in db.Set<ExpenseClaim>() on i.ClaimId equals c.Id
                          join u in db.Users on c.ClaimantId equals u.Id
                          where i.BatchId == batchId
                          select new { c.Id, c.Number, c.Status, u.UserName }).ToListAsync(ct);
        var subjects = rows.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToArray();
        var instances = (await db.Set<ApprovalInstance>().AsNoTracking()
                .Where(i => i.SubjectType == ClaimUseCases.SubjectType && subjects.Contains(i.SubjectId))
                .Select(i => new { i.Id, i.SubjectId, i.StepKeys, i.CurrentIndex }).ToListAsync(ct))
            .GroupBy(i => i.SubjectId).ToDictionary(g => g.Key, g => g.MaxBy(i => i.Id)!);
        return rows.OrderBy(r => r.UserName).ThenBy(r => r.Number).Select(r =>
        {
            var state = r.Status switch
            {
                ClaimStatus.Paid => FormChainState.Approved,
                ClaimStatus.Rejected => FormChainState.Rejected,
                ClaimStatus.InReview => FormChainState.Pending,
                _ => FormChainState.Returned,
            };
            var signed = instances.TryGetValue(r.Id.ToString(CultureInfo.InvariantCulture), out var i)
                && PaperFlow.SignedByBranchGm(i.StepKeys.Split(',', StringSplitOptions.RemoveEmptyEntries), i.CurrentIndex, state);
            return (r.Id, new BatchForm($"{r.UserName}-{r.Number.GetValueOrDefault():D4}", state, signed));
        }).ToList();
    }
}
