using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Calendars;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Notifications;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Kefu.Web.Modules.Receivables;

public sealed record DifferenceInput(long? ItemId, decimal? DifferenceYuan, string? Note);

public sealed record RoundConfirmInput(IReadOnlyList<DifferenceInput>? Differences);

public sealed record ReferralInput(string? Reason);

/// <summary>What one run of the round job did.</summary>
public sealed record RoundRun(int RoundsOpened, int EntriesMade, int ReviewsSent);

/// <summary>
/// People by role for a centre's notifications: the nearest holders on the centre's line — in the
/// centre (or below it), else in its branch, else at the company (HQ staff sit at the root) — and,
/// when nobody on that line holds a company-wide role, its holders at head office (outside every branch). So a centre
/// with a manager of its own sends its list to that manager, not to every manager of the company.
/// </summary>
public sealed class CentrePeople(KefuDbContext db)
{
    public async Task<IReadOnlyList<string>> HoldersAsync(Role role, string centrePath, CancellationToken ct)
    {
        var holders = await db.Users.AsNoTracking().ActiveHolding(db, role).Select(u => new { u.Id, u.OrgPath }).ToListAsync(ct);
        var centreDepth = OrgPath.Ids(centrePath).Count;
        var onTheLine = holders
            .Where(h => OrgPath.IsWithin(centrePath, h.OrgPath) || OrgPath.IsWithin(h.OrgPath, centrePath))
            .Select(h => (h.Id, Level: Math.Min(OrgPath.Ids(h.OrgPath).Count, centreDepth)))
            .ToList();
        if (onTheLine.Count > 0)
        {
            var nearest = onTheLine.Max(h => h.Level);
            return onTheLine.Where(h => h.Level == nearest).Select(h => h.Id).ToArray();
        }

        if (ScopePolicy.Default.ScopeFor([role]) is not DataScope.Company)
        {
            return [];
        }

        // Head office: the holders outside every branch (another branch's own manager is not this centre's).
        var branches = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Branch).Select(u => u.Path).ToListAsync(ct);
        return holders.Where(h => !branches.Any(b => OrgPath.IsWithin(h.OrgPath, b))).Select(h => h.Id).ToArray();
    }
}

/// <summary>
/// AR-04: the weekly reconciliation round. A job opens each centre's round on its day (the centre
/// calendar moves it off a holiday), one entry per technician with open ledger items; technician and
/// coordinator confirm it, noting differences per item. On the Monday review day the manager gets
/// the overdue list and sends each item to its salesperson with the reason.
/// </summary>
public sealed class ReconciliationUseCases(
    KefuDbContext db, ReceivablesUseCases receivables, CalendarService calendars, Notifier notifier, CentrePeople people, TimeProvider clock)
{
    public IQueryable<ReconciliationEntry> Entries(ScopeViewer viewer) => db.Set<ReconciliationEntry>().VisibleTo(viewer);

    public IQueryable<OverdueReferral> Referrals(ScopeViewer viewer) => db.Set<OverdueReferral>().VisibleTo(viewer);

    // ---------------- the job ----------------

    /// <summary>
    /// Opens the rounds that are due and sends the reviews that are due, for every centre. Safe to
    /// run any number of times and on two nodes at once: a round is keyed by centre and week, a
    /// review by its sent mark, and a run that loses the race to another node skips that centre.
    /// </summary>
    public async Task<RoundRun> RunAsync(CancellationToken ct)
    {
        var policy = await receivables.PolicyAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = CompanyTime.Today(clock);
        var centres = await db.OrgUnits.AsNoTracking().Where(u => u.Kind == OrgUnitKind.Centre && u.IsActive).Select(u => new { u.Id, u.Path }).ToListAsync(ct);
        int opened = 0, entries = 0, reviews = 0;
        foreach (var centre in centres)
        {
            var calendar = await calendars.ForOrgPathAsync(db, centre.Path, ct);
            var thisWeek = ReconciliationRound.WeekStart(today);

            // Last week's round is still made when the node was down on its day, until its review day.
            foreach (var weekStart in new[] { thisWeek.AddDays(-7), thisWeek })
            {
                if (weekStart.AddDays(-7) < calendar.FirstDate || weekStart.AddDays(14) > calendar.LastDate
                    || ReconciliationRound.DaysOf(weekStart, calendar, policy) is not { } days)
                {
                    continue;
                }

                var opensAt = CompanyTime.LocalToUtc(days.RoundDay.ToDateTime(new TimeOnly(policy.RoundOpensAtHour, 0)));
                if (now >= opensAt && today <= days.ReviewDay
                    && !await db.Set<ReconciliationWeek>().AnyAsync(w => w.CentreId == centre.Id && w.WeekStart == days.WeekStart, ct))
                {
                    var made = await OpenAsync(centre.Id, centre.Path, days, now, ct);
                    if (made is { } count)
                    {
                        opened++;
                        entries += count;
                    }
                }

                var reviewAt = CompanyTime.LocalToUtc(days.ReviewDay.ToDateTime(new TimeOnly(policy.ReviewOpensAtHour, 0)));
                if (now >= reviewAt && await SendReviewAsync(centre.Id, centre.Path, days, now, ct))
                {
                    reviews++;
                }
            }
        }

        return new RoundRun(opened, entries, reviews);
    }

    /// <summary>Makes the week's round of a centre with its entries and notifications in one save; null when another run made it first.</summary>
    private async Task<int?> OpenAsync(int centreId, string centrePath, RoundDays days, DateTime now, CancellationToken ct)
    {
        // One transaction: a round is there with all its entries and items, or not at all. The week's
        // row goes first: its unique key (centre, week) is what stops a second node.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var week = new ReconciliationWeek { CentreId = centreId, OrgPath = centrePath, WeekStart = days.WeekStart, RoundDate = days.RoundDay, ReviewDate = days.ReviewDay, OpenedAt = now };
        db.Add(week);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            return null;
        }

        // The technicians' open ledger items in the centre, as they stand now.
        var settled = receivables.SettledConfirmationIds();
        var confirmations = await db.Set<SalesConfirmation>().AsNoTracking()
            .Where(c => c.CentreId == centreId && c.ReversedAt == null && !settled.Contains(c.Id)).ToListAsync(ct);
        var totals = await receivables.LedgerTotalsAsync(confirmations.Select(c => c.Id).ToArray(), ct);
        var confirmationIds = confirmations.Select(c => c.Id).ToArray();
        var dueDates = await db.Set<Invoice>().AsNoTracking()
            .Where(i => i.ConfirmationId != null && confirmationIds.Contains(i.ConfirmationId.Value) && i.ReversedAt == null)
            .GroupBy(i => i.ConfirmationId!.Value).Select(g => new { g.Key, Due = g.Min(i => i.ExtendedTo ?? i.DueDate) }).ToDictionaryAsync(g => g.Key, g => g.Due, ct);
        var loose = (await receivables.BalancesAsync(db.Set<Invoice>().Where(i => i.CentreId == centreId && i.ConfirmationId == null && i.TechnicianId != null && i.ReversedAt == null), null, ct))
            .Where(b => b.OpenFen > 0).ToArray();

        var lines = confirmations
            .Select(c => (c.TechnicianId, Item: new ReconciliationItem
            {
                Kind = RoundItemKind.Confirmation, RecordId = c.Id, Number = c.Number, CustomerName = c.CustomerName, AmountFen = c.AmountFen,
                OpenFen = c.AmountFen - totals.GetValueOrDefault(c.Id).Paid, DueDate = dueDates.TryGetValue(c.Id, out var due) ? due : null,
            }))
            .Concat(loose.Select(b => (TechnicianId: b.Invoice.TechnicianId!, Item: new ReconciliationItem
            {
                Kind = RoundItemKind.Invoice, RecordId = b.Invoice.Id, Number = b.Invoice.Number, CustomerName = b.Invoice.CustomerName, AmountFen = b.Invoice.AmountFen,
                OpenFen = b.OpenFen, DueDate = b.EffectiveDueDate,
            })))
            .Where(l => l.Item.OpenFen > 0)
            .GroupBy(l => l.TechnicianId)
            .ToArray();

        var made = new List<ReconciliationEntry>();
        foreach (var group in lines)
        {
            var entry = new ReconciliationEntry
            {
                WeekId = week.Id, CentreId = centreId, OrgPath = centrePath, WeekStart = days.WeekStart, RoundDate = days.RoundDay, ReviewDate = days.ReviewDay, TechnicianId = group.Key,
                OpenFen = group.Sum(l => l.Item.OpenFen), ItemCount = group.Count(), CreatedAt = now,
            };
            db.Add(entry);
            made.Add(entry);
        }

        // Entries first, so their ids are known for the items and the links.
        await db.SaveChangesAsync(ct);

        foreach (var (entry, group) in made.Zip(lines))
        {
            foreach (var (_, item) in group.OrderBy(l => l.Item.DueDate ?? DateOnly.MaxValue).ThenBy(l => l.Item.Number))
            {
                item.EntryId = entry.Id;
                db.Add(item);
            }

            await notifier.EnqueueAsync(new NotificationRequest("ReceivablesRoundOpened", [entry.TechnicianId],
                [days.RoundDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), entry.ItemCount, Yuan(entry.OpenFen)],
                $"/receivables/rounds/{entry.Id}", "ReconciliationEntry", entry.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
        }

        if (made.Count > 0)
        {
            var coordinators = await people.HoldersAsync(Role.Coordinator, centrePath, ct);
            await notifier.EnqueueAsync(new NotificationRequest("ReceivablesRoundCoordinator", coordinators,
                [days.RoundDay.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), made.Count],
                $"/receivables/rounds?weekStart={days.WeekStart:yyyy-MM-dd}", "ReconciliationWeek", week.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return made.Count;
    }

    /// <summary>The Monday review: the centre's overdue list goes to the CS manager once (the week's sent mark, under its concurrency check).</summary>
    private async Task<bool> SendReviewAsync(int centreId, string centrePath, RoundDays days, DateTime now, CancellationToken ct)
    {
        var week = await db.Set<ReconciliationWeek>().SingleOrDefaultAsync(w => w.CentreId == centreId && w.WeekStart == days.WeekStart, ct);
        if (week is null || week.ReviewSentAt is not null)
        {
            return false;
        }

        // Claim the review with a conditional update, so two nodes cannot both send it.
        var claimed = await db.Set<ReconciliationWeek>().Where(w => w.Id == week.Id && w.ReviewSentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.ReviewSentAt, now), ct);
        db.Entry(week).State = EntityState.Detached;
        if (claimed == 0)
        {
            return false;
        }

        var overdue = await OverdueQuery(db.Set<Invoice>().Where(i => i.CentreId == centreId), week.ReviewDate).CountAsync(ct);
        var managers = await people.HoldersAsync(Role.CsManager, centrePath, ct);
        await notifier.EnqueueAsync(new NotificationRequest("ReceivablesOverdueReview", managers,
            [week.ReviewDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), overdue],
            $"/receivables/rounds/review?centreId={centreId}&asOf={week.ReviewDate:yyyy-MM-dd}", "ReconciliationWeek", week.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
        await db.SaveChangesAsync(ct);
        return true;
    }

    // ---------------- confirming ----------------

    /// <summary>
    /// The technician (when the caller is the entry's technician) or the coordinator confirms the
    /// entry, noting differences per item; each side confirms once, and a fully confirmed entry is closed.
    /// </summary>
    public async Task<ArResult<ReconciliationEntry>> ConfirmAsync(ScopeViewer viewer, string userId, bool isCoordinator, int id, RoundConfirmInput input, CancellationToken ct)
    {
        var entry = await Entries(viewer).SingleOrDefaultAsync(e => e.Id == id, ct);
        if (entry is null)
        {
            return new ArResult<ReconciliationEntry>.NotFound();
        }

        var asTechnician = entry.TechnicianId == userId;
        if (!asTechnician && !isCoordinator)
        {
            return new ArResult<ReconciliationEntry>.NotFound();
        }

        var items = await db.Set<ReconciliationItem>().Where(i => i.EntryId == id).ToDictionaryAsync(i => i.Id, ct);
        var problems = new ProblemBuilder();
        var differences = input.Differences ?? [];
        if (differences.Count > 1000)
        {
            problems.Add("differences", "Validation.TooMany", 1000);
        }

        var seen = new HashSet<long>();
        for (var n = 0; n < differences.Count && !problems.HasErrors; n++)
        {
            var d = differences[n];
            var field = $"differences[{n}]";
            if (d is null)
            {
                problems.Add(field, "Validation.RequiredHere");
                continue;
            }

            if (d.ItemId is not { } itemId || !items.ContainsKey(itemId) || !seen.Add(itemId))
            {
                problems.Add(field + ".itemId", "Receivables.UnknownRoundItem");
            }

            if (d.DifferenceYuan is not { } yuan || Math.Abs(yuan) > InputRange.MaxAmountYuan || decimal.Round(yuan, 2) != yuan)
            {
                problems.Add(field + ".differenceYuan", "Receivables.BadAmount");
            }

            problems.Required(field + ".note", d.Note).MaxLength(field + ".note", d.Note, 500);
        }

        if (problems.HasErrors)
        {
            return new ArResult<ReconciliationEntry>.Invalid(problems);
        }

        var already = asTechnician ? entry.TechnicianConfirmedAt is not null : entry.CoordinatorConfirmedAt is not null;
        if (already)
        {
            return new ArResult<ReconciliationEntry>.Conflict();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var d in differences)
        {
            var item = items[d.ItemId!.Value];
            item.DifferenceFen = Kefu.Core.Money.Money.FromYuan(d.DifferenceYuan!.Value).Fen;
            item.DifferenceNote = d.Note!.Trim();
            item.NotedById = userId;
            item.NotedAt = now;
        }

        if (asTechnician)
        {
            entry.TechnicianConfirmedAt = now;
        }
        else
        {
            entry.CoordinatorId = userId;
            entry.CoordinatorConfirmedAt = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return new ArResult<ReconciliationEntry>.Ok(entry);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new ArResult<ReconciliationEntry>.Conflict();
        }
    }

    /// <summary>Money as people read it in a notification (¥1,234.56), the same in both languages.</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("¥#,0.00", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<ReconciliationItem>> ItemsAsync(int entryId, CancellationToken ct) =>
        await db.Set<ReconciliationItem>().AsNoTracking().Where(i => i.EntryId == entryId).OrderBy(i => i.Id).ToListAsync(ct);

    // ---------------- the Monday review ----------------

    /// <summary>Open invoices past their (extended) due date as of the day: the manager's Monday list.</summary>
    public IQueryable<Invoice> OverdueQuery(IQueryable<Invoice> invoices, DateOnly asOf)
    {
        var allocations = db.Set<PaymentAllocation>();
        return invoices.Where(i => i.ReversedAt == null && (i.ExtendedTo ?? i.DueDate) < asOf
            && i.AmountFen > (allocations.Where(a => a.InvoiceId == i.Id).Sum(a => (long?)a.AmountFen) ?? 0));
    }

    /// <summary>The manager sends an overdue item to its salesperson with the reason; the salesperson is notified and it is recorded.</summary>
    public async Task<ArResult<OverdueReferral>> SendToSalespersonAsync(ScopeViewer viewer, string userId, int invoiceId, ReferralInput input, CancellationToken ct)
    {
        var invoice = await receivables.Invoices(viewer).AsNoTracking().SingleOrDefaultAsync(i => i.Id == invoiceId, ct);
        if (invoice is null)
        {
            return new ArResult<OverdueReferral>.NotFound();
        }

        var problems = new ProblemBuilder().Required("reason", input.Reason).MaxLength("reason", input.Reason, 1000);
        if (invoice.TechnicianId is null)
        {
            problems.Add("invoiceId", "Receivables.NoSalesperson");
        }

        if (problems.HasErrors)
        {
            return new ArResult<OverdueReferral>.Invalid(problems);
        }

        var today = CompanyTime.Today(clock);
        if (!await OverdueQuery(db.Set<Invoice>().Where(i => i.Id == invoiceId), today).AnyAsync(ct))
        {
            return new ArResult<OverdueReferral>.Conflict();
        }

        var referral = new OverdueReferral
        {
            InvoiceId = invoice.Id, InvoiceNumber = invoice.Number, SalespersonId = invoice.TechnicianId!, Reason = input.Reason!.Trim(), ReviewDate = today,
            SentById = userId, SentAt = clock.GetUtcNow().UtcDateTime, CentreId = invoice.CentreId, OrgPath = invoice.OrgPath,
        };
        db.Add(referral);
        await notifier.EnqueueAsync(new NotificationRequest("ReceivablesOverdueSent", [referral.SalespersonId],
            [invoice.Number, invoice.CustomerName, referral.Reason], "/receivables/rounds/review", "Invoice",
            invoice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ToGroupRobots: false), ct);
        await db.SaveChangesAsync(ct);
        return new ArResult<OverdueReferral>.Ok(referral);
    }
}

/// <summary>AR-04's job: opens the rounds and sends the Monday reviews as the centre calendars say.</summary>
[DisallowConcurrentExecution]
public sealed class ReconciliationRoundJob(ReconciliationUseCases rounds) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await rounds.RunAsync(cancellationToken);
}
