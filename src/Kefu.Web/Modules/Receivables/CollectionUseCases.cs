using System.Globalization;
using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Quartz;
using Money = Kefu.Core.Money.Money;

namespace Kefu.Web.Modules.Receivables;

public sealed record CollectionProjectInput(
    string? Name, int? CustomerId, int? CentreId, string? OwnerId, decimal? DailyTargetYuan, decimal? WeeklyTargetYuan, decimal? MonthlyTargetYuan, decimal? TotalTargetYuan);

public sealed record CollectionEntryInput(DateOnly? CollectedOn, decimal? AmountYuan, string? CollectedById, string? Note);

public sealed record ArrearsInput(string? Debtor, decimal? OwedYuan, DateOnly? Since);

public sealed record ArrearsStepInput(ArrearsStep? Step, DateOnly? TakenOn, string? Note);

/// <summary>Closing an arrears account: how it ended, the day, and a note (required for a write-off).</summary>
public sealed record ArrearsCloseInput(ArrearsOutcome? Outcome, DateOnly? ClosedOn, string? Note);

/// <summary>A project with its ledger as of a date.</summary>
public sealed record ProjectLedger(CollectionProject Project, CollectionLedgerView Ledger);

/// <summary>An arrears account with the days overdue, the steps recorded and the step now due.</summary>
public sealed record ArrearsView(ArrearsAccount Account, int DaysOverdue, IReadOnlyList<ArrearsStepRecord> Steps, ArrearsStep? StepDue);

/// <summary>
/// AR-07 (seed 003): fee collection projects of a centre with daily, weekly, monthly and total
/// targets; collection entries corrected only by reversing entries; arrears escalating reminder →
/// lawyer's letter → lawsuit on the policy's thresholds, each step dated and signed.
/// </summary>
public sealed class CollectionUseCases(KefuDbContext db, ReceivablesUseCases receivables, Notifier notifier, CentrePeople people, TimeProvider clock)
{
    public IQueryable<CollectionProject> Projects(ScopeViewer viewer) => db.Set<CollectionProject>().VisibleTo(viewer);

    public DateOnly Today() => CompanyTime.Today(clock);

    public static CollectionTargets Targets(CollectionProject p) =>
        new(new Money(p.DailyTargetFen), new Money(p.WeeklyTargetFen), new Money(p.MonthlyTargetFen), new Money(p.TotalTargetFen));

    /// <summary>The ledgers of several projects as of a date: day sums from the database, periods by the rule.</summary>
    public async Task<IReadOnlyList<ProjectLedger>> LedgersAsync(IReadOnlyList<CollectionProject> projects, DateOnly asOf, CancellationToken ct)
    {
        var ids = projects.Select(p => p.Id).ToArray();
        var days = await db.Set<CollectionEntry>().AsNoTracking().Where(e => ids.Contains(e.ProjectId) && e.CollectedOn <= asOf)
            .GroupBy(e => new { e.ProjectId, e.CollectedOn }).Select(g => new { g.Key.ProjectId, g.Key.CollectedOn, Fen = g.Sum(e => e.AmountFen) }).ToListAsync(ct);
        var byProject = days.ToLookup(d => d.ProjectId);
        return projects.Select(p => new ProjectLedger(p, FeeCollectionRules.Ledger(
            byProject[p.Id].Select(d => new CollectedAmount(d.CollectedOn, new Money(d.Fen))), asOf, Targets(p)))).ToArray();
    }

    public async Task<ArResult<CollectionProject>> CreateProjectAsync(ScopeViewer viewer, string userId, CollectionProjectInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("name", input.Name).MaxLength("name", input.Name, 200);
        var daily = Target(problems, "dailyTargetYuan", input.DailyTargetYuan);
        var weekly = Target(problems, "weeklyTargetYuan", input.WeeklyTargetYuan);
        var monthly = Target(problems, "monthlyTargetYuan", input.MonthlyTargetYuan);
        var total = Target(problems, "totalTargetYuan", input.TotalTargetYuan);
        Customer? customer = null;
        if (input.CustomerId is { } customerId)
        {
            customer = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == customerId, ct);
            if (customer is null)
            {
                problems.Add("customerId", "Customer.UnknownCustomer");
            }
        }

        // The project's centre: the customer's, or the one named, or the caller's own.
        OrgUnit? centre = null;
        if (customer is not null)
        {
            centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == customer.CentreId, ct);
        }
        else if (input.CentreId is { } centreId)
        {
            centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == centreId && u.Kind == OrgUnitKind.Centre && u.IsActive, ct);
            if (centre is null || (viewer.VisiblePath is { } visible ? !centre.Path.StartsWith(visible, StringComparison.Ordinal) : true))
            {
                problems.Add("centreId", "Receivables.UnknownCentre");
                centre = null;
            }
        }
        else if (input.CustomerId is null)
        {
            centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Path == viewer.CentrePath && u.Kind == OrgUnitKind.Centre, ct);
            if (centre is null)
            {
                problems.Add("centreId", "Receivables.UnknownCentre");
            }
        }

        var ownerId = string.IsNullOrWhiteSpace(input.OwnerId) ? userId : input.OwnerId;
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == ownerId && u.Status == StaffStatus.Active, ct))
        {
            problems.Add("ownerId", "Receivables.UnknownOwner");
        }

        if (problems.HasErrors)
        {
            return new ArResult<CollectionProject>.Invalid(problems);
        }

        var project = new CollectionProject
        {
            Name = input.Name!.Trim(), CustomerId = customer?.Id, CustomerName = customer?.Name, OwnerId = ownerId, DailyTargetFen = daily.Fen, WeeklyTargetFen = weekly.Fen,
            MonthlyTargetFen = monthly.Fen, TotalTargetFen = total.Fen, CentreId = centre!.Id, OrgPath = centre.Path, CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(project);
        await db.SaveChangesAsync(ct);
        return new ArResult<CollectionProject>.Ok(project);
    }

    public async Task<IReadOnlyList<CollectionEntry>> EntriesAsync(int projectId, int take, CancellationToken ct) =>
        await db.Set<CollectionEntry>().AsNoTracking().Where(e => e.ProjectId == projectId)
            .OrderByDescending(e => e.CollectedOn).ThenByDescending(e => e.Id).Take(take).ToListAsync(ct);

    public async Task<ArResult<CollectionEntry>> AddEntryAsync(ScopeViewer viewer, string userId, int projectId, CollectionEntryInput input, CancellationToken ct)
    {
        var project = await Projects(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return new ArResult<CollectionEntry>.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        var amount = Positive(problems, "amountYuan", input.AmountYuan);
        var on = input.CollectedOn ?? Today();
        if (!InputRange.Contains(on) || on > Today())
        {
            problems.Add("collectedOn", "Validation.NotInFuture");
        }

        var collector = string.IsNullOrWhiteSpace(input.CollectedById) ? userId : input.CollectedById;
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == collector, ct))
        {
            problems.Add("collectedById", "Receivables.UnknownOwner");
        }

        if (problems.HasErrors)
        {
            return new ArResult<CollectionEntry>.Invalid(problems);
        }

        var entry = new CollectionEntry
        {
            ProjectId = projectId, CollectedOn = on, AmountFen = amount.Fen, CollectedById = collector, Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            RecordedById = userId, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(entry);
        await db.SaveChangesAsync(ct);
        return new ArResult<CollectionEntry>.Ok(entry);
    }

    /// <summary>A wrong entry is corrected by its negative on today's date, with the reason; the entry itself stays.</summary>
    public async Task<ArResult<CollectionEntry>> ReverseEntryAsync(ScopeViewer viewer, string userId, int projectId, long entryId, ReverseInput input, CancellationToken ct)
    {
        var project = await Projects(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        var entry = project is null ? null : await db.Set<CollectionEntry>().AsNoTracking().SingleOrDefaultAsync(e => e.Id == entryId && e.ProjectId == projectId, ct);
        if (entry is null)
        {
            return new ArResult<CollectionEntry>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 500);
        if (problems.HasErrors)
        {
            return new ArResult<CollectionEntry>.Invalid(problems);
        }

        if (entry.ReversesId is not null || await db.Set<CollectionEntry>().AnyAsync(e => e.ReversesId == entryId, ct))
        {
            return new ArResult<CollectionEntry>.Conflict();
        }

        var reversal = new CollectionEntry
        {
            ProjectId = projectId, CollectedOn = Today(), AmountFen = -entry.AmountFen, CollectedById = entry.CollectedById, Note = input.Reason!.Trim(), ReversesId = entryId,
            RecordedById = userId, RecordedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(reversal);
        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<CollectionEntry>.Ok(reversal);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.Entry(reversal).State = EntityState.Detached;
            return new ArResult<CollectionEntry>.Conflict();
        }
    }

    // ---------------- arrears ----------------

    public async Task<IReadOnlyList<ArrearsView>> ArrearsAsync(int projectId, DateOnly asOf, CancellationToken ct)
    {
        var policy = await receivables.PolicyAsync(ct);
        var accounts = await db.Set<ArrearsAccount>().AsNoTracking().Where(a => a.ProjectId == projectId).OrderBy(a => a.Since).ThenBy(a => a.Id).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToArray();
        var steps = (await db.Set<ArrearsStepRecord>().AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToListAsync(ct)).ToLookup(s => s.AccountId);
        return accounts.Select(a => View(a, steps[a.Id].OrderBy(s => s.Step).ToArray(), asOf, policy)).ToArray();
    }

    private static ArrearsView View(ArrearsAccount account, IReadOnlyList<ArrearsStepRecord> steps, DateOnly asOf, ReceivablesPolicy policy)
    {
        var days = Math.Max(0, asOf.DayNumber - account.Since.DayNumber);
        var taken = steps.Where(s => s.TakenOn is not null).Select(s => (ArrearsStep?)s.Step).Max();
        return new ArrearsView(account, days, steps, account.ClosedOn is null ? FeeCollectionRules.StepDue(days, new Money(account.OwedFen), taken, policy) : null);
    }

    public async Task<ArResult<ArrearsAccount>> AddArrearsAsync(ScopeViewer viewer, string userId, int projectId, ArrearsInput input, CancellationToken ct)
    {
        var project = await Projects(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return new ArResult<ArrearsAccount>.NotFound();
        }

        var problems = new ProblemBuilder().Required("debtor", input.Debtor).MaxLength("debtor", input.Debtor, 200);
        var owed = Positive(problems, "owedYuan", input.OwedYuan);
        if (input.Since is not { } since || !InputRange.Contains(since) || since > Today())
        {
            problems.Add("since", "Validation.NotInFuture");
        }

        if (problems.HasErrors)
        {
            return new ArResult<ArrearsAccount>.Invalid(problems);
        }

        var account = new ArrearsAccount
        {
            ProjectId = projectId, Debtor = input.Debtor!.Trim(), OwedFen = owed.Fen, Since = input.Since!.Value, CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(account);
        await db.SaveChangesAsync(ct);
        return new ArResult<ArrearsAccount>.Ok(account);
    }

    public async Task<(ArrearsAccount Account, CollectionProject Project)?> FindArrearsAsync(ScopeViewer viewer, int accountId, CancellationToken ct)
    {
        var account = await db.Set<ArrearsAccount>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, ct);
        var project = account is null ? null : await Projects(viewer).AsNoTracking().SingleOrDefaultAsync(p => p.Id == account.ProjectId, ct);
        return project is null ? null : (account!, project);
    }

    public async Task<ArrearsView> ArrearsViewAsync(ArrearsAccount account, CancellationToken ct)
    {
        var policy = await receivables.PolicyAsync(ct);
        var steps = await db.Set<ArrearsStepRecord>().AsNoTracking().Where(s => s.AccountId == account.Id).OrderBy(s => s.Step).ToListAsync(ct);
        return View(account, steps, Today(), policy);
    }

    /// <summary>A person records that a step was taken (the letter sent, the suit filed), with its date; steps go in order, each once.</summary>
    public async Task<ArResult<ArrearsStepRecord>> RecordStepAsync(ScopeViewer viewer, string userId, int accountId, ArrearsStepInput input, CancellationToken ct)
    {
        if (await FindArrearsAsync(viewer, accountId, ct) is not { } found)
        {
            return new ArResult<ArrearsStepRecord>.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        if (input.Step is not { } step || !Enum.IsDefined(step))
        {
            problems.Add("step", "Validation.RequiredHere");
        }

        var takenOn = input.TakenOn ?? Today();
        if (!InputRange.Contains(takenOn) || takenOn > Today() || takenOn < found.Account.Since)
        {
            problems.Add("takenOn", "Receivables.StepDate");
        }

        if (problems.HasErrors)
        {
            return new ArResult<ArrearsStepRecord>.Invalid(problems);
        }

        if (found.Account.ClosedOn is not null)
        {
            return new ArResult<ArrearsStepRecord>.Conflict();
        }

        var steps = await db.Set<ArrearsStepRecord>().Where(s => s.AccountId == accountId).ToListAsync(ct);
        var lastTaken = steps.Where(s => s.TakenOn is not null).Select(s => (int)s.Step).DefaultIfEmpty(0).Max();
        if ((int)input.Step!.Value != lastTaken + 1)
        {
            return new ArResult<ArrearsStepRecord>.Conflict();
        }

        var record = steps.SingleOrDefault(s => s.Step == input.Step.Value);
        if (record is null)
        {
            record = new ArrearsStepRecord { AccountId = accountId, Step = input.Step.Value, DueOn = takenOn, RaisedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(record);
        }

        record.TakenOn = takenOn;
        record.TakenById = userId;
        record.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<ArrearsStepRecord>.Ok(record);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            db.Entry(record).State = EntityState.Detached;
            return new ArResult<ArrearsStepRecord>.Conflict();
        }
    }

    /// <summary>
    /// The account ends: paid, settled by agreement, or written off (with the reason why). Closed
    /// once, on a day between its start and today; the escalation stops and the steps stay on record.
    /// </summary>
    public async Task<ArResult<ArrearsAccount>> CloseArrearsAsync(ScopeViewer viewer, string userId, int accountId, ArrearsCloseInput input, CancellationToken ct)
    {
        if (await FindArrearsAsync(viewer, accountId, ct) is not { } found)
        {
            return new ArResult<ArrearsAccount>.NotFound();
        }

        var problems = new ProblemBuilder().MaxLength("note", input.Note, 500);
        if (input.Outcome is not { } outcome || !Enum.IsDefined(outcome))
        {
            problems.Add("outcome", "Validation.RequiredHere");
        }
        else if (outcome == ArrearsOutcome.WrittenOff && string.IsNullOrWhiteSpace(input.Note))
        {
            problems.Add("note", "Collection.WriteOffNeedsReason");
        }

        var closedOn = input.ClosedOn ?? Today();
        if (!InputRange.Contains(closedOn) || closedOn > Today() || closedOn < found.Account.Since)
        {
            problems.Add("closedOn", "Receivables.StepDate");
        }

        if (problems.HasErrors)
        {
            return new ArResult<ArrearsAccount>.Invalid(problems);
        }

        var account = await db.Set<ArrearsAccount>().SingleAsync(a => a.Id == accountId, ct);
        if (account.ClosedOn is not null)
        {
            return new ArResult<ArrearsAccount>.Conflict();
        }

        account.ClosedOn = closedOn;
        account.Outcome = input.Outcome;
        account.ClosedById = userId;
        account.CloseNote = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<ArrearsAccount>.Ok(account);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(account).State = EntityState.Detached;
            return new ArResult<ArrearsAccount>.Conflict();
        }
    }

    /// <summary>
    /// The daily check: every account whose next step is due gets it raised once (the unique step
    /// per account keeps a second run or node from raising it again), with a notification to the
    /// project's owner and the centre's supervisor.
    /// </summary>
    public async Task<int> RaiseDueStepsAsync(CancellationToken ct)
    {
        var policy = await receivables.PolicyAsync(ct);
        var today = Today();
        var now = clock.GetUtcNow().UtcDateTime;
        if (CompanyTime.ToLocal(now).Hour < policy.ArrearsCheckHour)
        {
            return 0;
        }

        var accounts = await db.Set<ArrearsAccount>().AsNoTracking().Where(a => a.OwedFen > 0 && a.ClosedOn == null).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id).ToArray();
        var steps = (await db.Set<ArrearsStepRecord>().AsNoTracking().Where(s => ids.Contains(s.AccountId)).ToListAsync(ct)).ToLookup(s => s.AccountId);
        var raised = 0;
        foreach (var account in accounts)
        {
            var view = View(account, steps[account.Id].ToArray(), today, policy);
            if (view.StepDue is not { } due || view.Steps.Any(s => s.Step == due))
            {
                continue;
            }

            var project = await db.Set<CollectionProject>().AsNoTracking().SingleAsync(p => p.Id == account.ProjectId, ct);
            var record = new ArrearsStepRecord { AccountId = account.Id, Step = due, DueOn = today, RaisedAt = now };
            db.Add(record);
            var supervisors = await people.HoldersAsync(Role.CentreSupervisor, project.OrgPath, ct);
            await notifier.EnqueueAsync(new NotificationRequest("ArrearsStepDue", [project.OwnerId, .. supervisors],
                [account.Debtor, Kefu.Web.Platform.Localization.LocalText.Of("ArrearsStep." + due), ReconciliationUseCases.Yuan(account.OwedFen), view.DaysOverdue, project.Name],
                $"/receivables/collection/{project.Id}", "ArrearsAccount", account.Id.ToString(CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                raised++;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another node raised it first.
                db.ChangeTracker.Clear();
            }
        }

        return raised;
    }

    private static Money Target(ProblemBuilder problems, string field, decimal? yuan)
    {
        if (yuan is not { } value)
        {
            return Money.Zero;
        }

        if (value < 0 || value > InputRange.MaxAmountYuan || decimal.Round(value, 2) != value)
        {
            problems.Add(field, "Receivables.BadTarget");
            return Money.Zero;
        }

        return Money.FromYuan(value);
    }

    private static Money Positive(ProblemBuilder problems, string field, decimal? yuan)
    {
        if (yuan is not { } value)
        {
            problems.Add(field, "Validation.RequiredHere");
            return Money.Zero;
        }

        if (value <= 0 || value > InputRange.MaxAmountYuan || decimal.Round(value, 2) != value)
        {
            problems.Add(field, "Receivables.BadAmount");
            return Money.Zero;
        }

        return Money.FromYuan(value);
    }
}

/// <summary>AR-07's daily check of arrears.</summary>
[DisallowConcurrentExecution]
public sealed class ArrearsEscalationJob(CollectionUseCases collection) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await collection.RaiseDueStepsAsync(cancellationToken);
}
