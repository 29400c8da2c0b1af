using System.Globalization;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Kefu.Web.Modules.Performance;

using Money = Kefu.Core.Money.Money;

/// <summary>What a use case of the month answers: done, bad input (400), not in scope (404) or a locked/stale month (409).</summary>
public abstract record PerfResult<T>
{
    public sealed record Ok(T Value) : PerfResult<T>;

    public sealed record Invalid(ProblemBuilder Problems) : PerfResult<T>;

    public sealed record NotFound : PerfResult<T>;

    /// <summary>The month is locked (or was changed by someone else): nothing was changed.</summary>
    public sealed record Locked(string Month) : PerfResult<T>;

    /// <summary>The record is not in a state for this (409); <paramref name="Key"/> is the message saying why.</summary>
    public sealed record Conflict(string Key) : PerfResult<T>;
}

public sealed record RunSummary(string Month, int Units, int LockedUnits, int People, int LinesAdded, int LinesChanged, int LinesRemoved);

public sealed record AdjustInput(decimal? AmountYuan, string? Reason);

public sealed record CorrectionInput(long? LineId, decimal? AmountYuan, string? Reason);

public sealed record ProjectBonusInput(string? Name, string? Month, decimal? BonusYuan, string? ManagerId, IReadOnlyList<string>? MemberIds, string? ResponsibleId,
    DateOnly? DocumentsDueOn, DateOnly? DocumentsInOn);

public sealed record DocumentsInput(DateOnly? DocumentsInOn);

/// <summary>
/// The monthly run and the manager's review (PERF-01..07): run (idempotent: a re-run of an open
/// month finds every computed line again and changes nothing unless a fact changed), adjust a line
/// with a reason, lock, correct a locked month in the next open month.
/// </summary>
public sealed class PerformanceUseCases(KefuDbContext db, PerformanceCalculator calculator, TimeProvider clock)
{
    /// <summary>Who reviews, adjusts and locks a month (their data scope decides which).</summary>
    public static readonly Role[] Reviewers = [Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.SystemAdministrator];

    public IQueryable<PerformanceRecord> Records(ScopeViewer viewer) => db.Set<PerformanceRecord>().VisibleTo(viewer);

    public IQueryable<PerformanceLineEntry> Lines(ScopeViewer viewer) => db.Set<PerformanceLineEntry>().VisibleTo(viewer);

    public IQueryable<ProjectBonus> Bonuses(ScopeViewer viewer) => db.Set<ProjectBonus>().VisibleTo(viewer);

    /// <summary>The months of the units the viewer's scope reaches (a technician: none).</summary>
    public IQueryable<PerformanceMonth> Months(ScopeViewer viewer)
    {
        var visible = viewer.VisiblePath;
        return visible is null ? db.Set<PerformanceMonth>().Where(_ => false)
            : visible == OrgPath.Root ? db.Set<PerformanceMonth>()
            : db.Set<PerformanceMonth>().Where(m => m.OrgPath.StartsWith(visible));
    }

    public DateOnly ThisMonth() => MonthOf(CompanyTime.Today(clock));

    public static DateOnly MonthOf(DateOnly day) => new(day.Year, day.Month, 1);

    // ---------------- the run ----------------

    /// <summary>
    /// Computes the month for every unit (or one) and stores it. A locked unit is left as it is. Computed lines
    /// are matched by their key: new ones added, changed amounts updated, vanished ones removed — except
    /// lines a manager adjusted, which stay with their adjustment. Corrections are never touched.
    /// </summary>
    public async Task<RunSummary> RunAsync(DateOnly month, int? unitId, string? by, CancellationToken ct)
    {
        var text = CompanyTime.MonthText(month);
        var policy = await calculator.PolicyAsync(ct);
        var computed = await calculator.ComputeAsync(month, unitId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        int units = 0, locked = 0, people = 0, added = 0, changed = 0, removed = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var unitPaths = await db.OrgUnits.AsNoTracking().Select(u => new { u.Id, u.Path }).ToDictionaryAsync(u => u.Id, u => u.Path, ct);
        foreach (var unit in computed.GroupBy(p => p.UnitId))
        {
            var record = await MonthRowAsync(text, unit.Key, unitPaths.GetValueOrDefault(unit.Key, "/"), ct);
            if (record.Status == PerformanceMonthStatus.Locked)
            {
                locked++;
                continue;
            }

            units++;
            var persons = unit.Select(p => p.PersonId).ToArray();
            var stored = await db.Set<PerformanceRecord>().Where(r => r.Month == text && persons.Contains(r.PersonId)).ToDictionaryAsync(r => r.PersonId, StringComparer.Ordinal, ct);
            var storedLines = (await db.Set<PerformanceLineEntry>().Where(l => l.Month == text && persons.Contains(l.PersonId)).ToListAsync(ct))
                .GroupBy(l => l.PersonId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var ranks = WorkloadScore.Rank(unit.Select(p => (p.PersonId, p.Score)));
            foreach (var person in unit)
            {
                people++;
                var lines = storedLines.GetValueOrDefault(person.PersonId) ?? [];
                var wanted = person.Lines.ToDictionary(PerformanceCalculator.KeyOf, StringComparer.Ordinal);
                foreach (var line in lines.Where(l => l.Kind != PerformanceLineKind.Correction).ToArray())
                {
                    if (wanted.Remove(line.LineKey, out var fresh))
                    {
                        if (line.AmountFen != fresh.Amount.Fen || line.ForcedRating != fresh.ForcedRating || line.OrgPath != person.OrgPath || line.MonthId != record.Id)
                        {
                            (line.AmountFen, line.ForcedRating, line.OrgPath, line.MonthId) = (fresh.Amount.Fen, fresh.ForcedRating, person.OrgPath, record.Id);
                            changed++;
                        }
                    }
                    else if (line.AdjustedFen is null)
                    {
                        db.Remove(line);
                        lines.Remove(line);
                        removed++;
                    }
                }

                foreach (var (key, line) in wanted)
                {
                    var entry = new PerformanceLineEntry
                    {
                        MonthId = record.Id, Month = text, PersonId = person.PersonId, OrgPath = person.OrgPath, RuleId = line.RuleId, Kind = line.Kind, Reason = line.Reason,
                        AmountFen = line.Amount.Fen, ForcedRating = line.ForcedRating, EvidenceType = line.EvidenceType, EvidenceId = line.EvidenceId, LineKey = key, CreatedAt = now,
                    };
                    db.Add(entry);
                    lines.Add(entry);
                    added++;
                }

                if (!stored.TryGetValue(person.PersonId, out var row))
                {
                    row = new PerformanceRecord { Month = text, PersonId = person.PersonId };
                    db.Add(row);
                }

                Fill(row, record, person, ranks.GetValueOrDefault(person.PersonId), lines, policy);
            }

            record.RunAt = now;
            record.RunById = by;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new RunSummary(text, units, locked, people, added, changed, removed);
    }

    private static void Fill(PerformanceRecord row, PerformanceMonth month, ComputedPerson person, int rank, IReadOnlyCollection<PerformanceLineEntry> lines, PerformancePolicy policy)
    {
        var effective = lines.Select(ToRule).ToArray();
        var values = (month.Id, month.UnitId, person.OrgPath, person.Score, person.Jobs, person.MobileScore, person.Rated, person.VerySatisfied, person.Complaints, rank,
            Rewards: effective.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Fen), Fines: effective.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Fen),
            Rating: MonthlyRating.Rate(person.Score, effective, policy));
        var current = (row.MonthId, row.UnitId, row.OrgPath, row.Score, row.Jobs, row.MobileScore, row.Rated, row.VerySatisfied, row.Complaints, row.Rank,
            Rewards: row.RewardsFen, Fines: row.FinesFen, row.Rating);
        if (row.Id != 0 && current == values)
        {
            return;
        }

        (row.MonthId, row.UnitId, row.OrgPath, row.Score, row.Jobs, row.MobileScore, row.Rated, row.VerySatisfied, row.Complaints, row.Rank) =
            (month.Id, month.UnitId, person.OrgPath, person.Score, person.Jobs, person.MobileScore, person.Rated, person.VerySatisfied, person.Complaints, rank);
        (row.RewardsFen, row.FinesFen, row.NetFen, row.Rating) = (values.Rewards, values.Fines, values.Rewards + values.Fines, values.Rating);
    }

    private static PerformanceLine ToRule(PerformanceLineEntry l) =>
        new(l.PersonId, l.RuleId, l.Kind, new Money(l.EffectiveFen), l.EvidenceType, l.EvidenceId, l.Reason, l.ForcedRating);

    private async Task<PerformanceMonth> MonthRowAsync(string month, int unitId, string path, CancellationToken ct)
    {
        var row = await db.Set<PerformanceMonth>().SingleOrDefaultAsync(m => m.Month == month && m.UnitId == unitId, ct);
        if (row is null)
        {
            row = new PerformanceMonth { Month = month, UnitId = unitId, OrgPath = path, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(row);
            await db.SaveChangesAsync(ct);
        }

        return row;
    }

    /// <summary>The live preview of a month, not stored: what a run now would give, for the people the viewer sees.</summary>
    public async Task<IReadOnlyList<ComputedPerson>> PreviewAsync(ScopeViewer viewer, DateOnly month, CancellationToken ct) =>
        (await calculator.ComputeAsync(month, null, ct)).Where(p => viewer.CanSee(p.PersonId, p.OrgPath)).ToArray();

    // ---------------- review ----------------

    /// <summary>The manager sets a line's amount with a reason (the audit log keeps the old and new amounts).</summary>
    public async Task<PerfResult<PerformanceLineEntry>> AdjustAsync(ScopeViewer viewer, string userId, long lineId, AdjustInput input, CancellationToken ct)
    {
        var line = await Lines(viewer).SingleOrDefaultAsync(l => l.Id == lineId, ct);
        if (line is null)
        {
            return new PerfResult<PerformanceLineEntry>.NotFound();
        }

        var problems = Validate(input.AmountYuan, input.Reason);
        if (problems.HasErrors)
        {
            return new PerfResult<PerformanceLineEntry>.Invalid(problems);
        }

        var month = await db.Set<PerformanceMonth>().SingleAsync(m => m.Id == line.MonthId, ct);
        if (month.Status == PerformanceMonthStatus.Locked)
        {
            return new PerfResult<PerformanceLineEntry>.Locked(month.Month);
        }

        line.AdjustedFen = Money.FromYuan(input.AmountYuan!.Value).Fen;
        line.AdjustReason = input.Reason!.Trim();
        line.AdjustedById = userId;
        line.AdjustedAt = clock.GetUtcNow().UtcDateTime;
        await RefreshRecordAsync(line.Month, line.PersonId, ct);
        return await SaveAsync(line, month.Month, ct);
    }

    /// <summary>Locks a unit's month; from then on it never changes.</summary>
    public async Task<PerfResult<PerformanceMonth>> LockAsync(ScopeViewer viewer, string userId, int monthId, CancellationToken ct)
    {
        var month = await Months(viewer).SingleOrDefaultAsync(m => m.Id == monthId, ct);
        if (month is null)
        {
            return new PerfResult<PerformanceMonth>.NotFound();
        }

        if (month.Status == PerformanceMonthStatus.Locked)
        {
            return new PerfResult<PerformanceMonth>.Locked(month.Month);
        }

        // A month still running cannot be locked: its facts are not all in.
        if (string.CompareOrdinal(month.Month, CompanyTime.MonthText(ThisMonth())) >= 0)
        {
            return new PerfResult<PerformanceMonth>.Invalid(new ProblemBuilder().Add("month", "Performance.MonthNotOver"));
        }

        month.Status = PerformanceMonthStatus.Locked;
        month.LockedAt = clock.GetUtcNow().UtcDateTime;
        month.LockedById = userId;
        return await SaveAsync(month, month.Month, ct);
    }

    /// <summary>A later correction of a locked month's line: a correction line in the person's next open month.</summary>
    public async Task<PerfResult<PerformanceLineEntry>> CorrectAsync(ScopeViewer viewer, string userId, CorrectionInput input, CancellationToken ct)
    {
        var problems = Validate(input.AmountYuan, input.Reason);
        if (input.LineId is null)
        {
            problems.Add("lineId", "Validation.FieldRequired", ProblemBuilder.Label("lineId"));
        }

        if (problems.HasErrors)
        {
            return new PerfResult<PerformanceLineEntry>.Invalid(problems);
        }

        var original = await Lines(viewer).AsNoTracking().SingleOrDefaultAsync(l => l.Id == input.LineId, ct);
        if (original is null)
        {
            return new PerfResult<PerformanceLineEntry>.NotFound();
        }

        var source = await db.Set<PerformanceMonth>().AsNoTracking().SingleAsync(m => m.Id == original.MonthId, ct);
        if (source.Status != PerformanceMonthStatus.Locked)
        {
            return new PerfResult<PerformanceLineEntry>.Invalid(new ProblemBuilder().Add("lineId", "Performance.AdjustOpenMonthInstead"));
        }

        // The next open month of the unit: after the locked one, and never before this month.
        var next = MonthOf(CompanyTime.ParseMonth(source.Month)!.Value.AddMonths(1));
        next = next < ThisMonth() ? ThisMonth() : next;
        PerformanceMonth target;
        while (true)
        {
            target = await MonthRowAsync(CompanyTime.MonthText(next), source.UnitId, source.OrgPath, ct);
            if (target.Status == PerformanceMonthStatus.Open)
            {
                break;
            }

            next = next.AddMonths(1);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var line = new PerformanceLineEntry
        {
            MonthId = target.Id, Month = target.Month, PersonId = original.PersonId, OrgPath = original.OrgPath, RuleId = original.RuleId, Kind = PerformanceLineKind.Correction,
            Reason = original.Kind.ToString(), AmountFen = Money.FromYuan(input.AmountYuan!.Value).Fen, AdjustReason = input.Reason!.Trim(), AdjustedById = userId, AdjustedAt = now,
            EvidenceType = "PerformanceLine", EvidenceId = original.Id.ToString(CultureInfo.InvariantCulture), LineKey = "correction|" + Guid.NewGuid().ToString("N"),
            CorrectsLineId = original.Id, CreatedAt = now,
        };
        db.Add(line);
        if (!await db.Set<PerformanceRecord>().AnyAsync(r => r.Month == target.Month && r.PersonId == original.PersonId, ct))
        {
            db.Add(new PerformanceRecord { MonthId = target.Id, Month = target.Month, UnitId = target.UnitId, PersonId = original.PersonId, OrgPath = original.OrgPath });
            await db.SaveChangesAsync(ct);
        }

        await RefreshRecordAsync(target.Month, original.PersonId, ct, line);
        return await SaveAsync(line, target.Month, ct);
    }

    /// <summary>Re-adds a person's sums and rating after a manual change.</summary>
    private async Task RefreshRecordAsync(string month, string personId, CancellationToken ct, PerformanceLineEntry? extra = null)
    {
        var record = await db.Set<PerformanceRecord>().SingleOrDefaultAsync(r => r.Month == month && r.PersonId == personId, ct);
        if (record is null)
        {
            return;
        }

        var lines = await db.Set<PerformanceLineEntry>().Where(l => l.Month == month && l.PersonId == personId).ToListAsync(ct);
        if (extra is not null && !lines.Contains(extra))
        {
            lines.Add(extra);
        }

        var effective = lines.Select(ToRule).ToArray();
        record.RewardsFen = effective.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Fen);
        record.FinesFen = effective.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Fen);
        record.NetFen = record.RewardsFen + record.FinesFen;
        record.Rating = MonthlyRating.Rate(record.Score, effective, await calculator.PolicyAsync(ct));
    }

    private async Task<PerfResult<T>> SaveAsync<T>(T value, string month, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new PerfResult<T>.Ok(value);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new PerfResult<T>.Locked(month);
        }
    }

    private static ProblemBuilder Validate(decimal? amount, string? reason)
    {
        var problems = new ProblemBuilder().Required("reason", reason).MaxLength("reason", reason, 500);
        if (amount is null)
        {
            problems.Add("amountYuan", "Validation.FieldRequired", ProblemBuilder.Label("amountYuan"));
        }
        else if (amount is < -1_000_000m or > 1_000_000m || decimal.Round(amount.Value, 2) != amount.Value)
        {
            problems.Add("amountYuan", "Performance.BadAmount");
        }

        return problems;
    }

    // ---------------- project bonuses (PERF-05) ----------------

    public async Task<PerfResult<ProjectBonus>> CreateBonusAsync(ScopeViewer viewer, string userId, ProjectBonusInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("name", input.Name).MaxLength("name", input.Name, 200);
        var month = CompanyTime.ParseMonth(input.Month);
        if (month is null)
        {
            problems.Add("month", "Performance.BadMonth");
        }

        if (input.BonusYuan is not { } bonus || bonus <= 0 || bonus > 10_000_000m || decimal.Round(bonus, 2) != bonus)
        {
            problems.Add("bonusYuan", "Performance.BadAmount");
        }

        if (input.DocumentsDueOn is not { } due || !Kefu.Core.Calendar.InputRange.Contains(due))
        {
            problems.Add("documentsDueOn", "Performance.BadDate");
        }

        if (input.DocumentsInOn is { } inOn && !Kefu.Core.Calendar.InputRange.Contains(inOn))
        {
            problems.Add("documentsInOn", "Performance.BadDate");
        }

        var memberIds = (input.MemberIds ?? []).Where(m => !string.IsNullOrWhiteSpace(m)).Append(input.ManagerId ?? "").Where(m => m.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
        if (input.MemberIds is { } raw && raw.Any(m => m is null))
        {
            problems.Add("memberIds", "Performance.UnknownPerson");
        }

        var known = await db.Users.AsNoTracking().Where(u => memberIds.Contains(u.Id)).Select(u => new { u.Id, u.OrgPath, u.OrgUnitId }).ToListAsync(ct);
        var manager = known.SingleOrDefault(u => u.Id == input.ManagerId);
        if (manager is null || !viewer.CanSee(manager.Id, manager.OrgPath))
        {
            problems.Add("managerId", "Performance.UnknownPerson");
        }

        if (known.Count != memberIds.Length || known.Any(k => !viewer.CanSee(k.Id, k.OrgPath)))
        {
            problems.Add("memberIds", "Performance.UnknownPerson");
        }

        if (input.ResponsibleId is { } responsible && !memberIds.Contains(responsible, StringComparer.Ordinal))
        {
            problems.Add("responsibleId", "Performance.UnknownPerson");
        }

        if (problems.HasErrors)
        {
            return new PerfResult<ProjectBonus>.Invalid(problems);
        }

        var unit = PerformanceCalculator.UnitOf(manager!.OrgPath, manager.OrgUnitId, await calculator.CentresAsync(ct));
        var row = new ProjectBonus
        {
            Name = input.Name!.Trim(), Month = CompanyTime.MonthText(month!.Value), UnitId = unit.Id, OrgPath = manager.OrgPath, BonusFen = Money.FromYuan(input.BonusYuan!.Value).Fen,
            OwnerId = manager.Id, ResponsibleId = input.ResponsibleId ?? manager.Id, DocumentsDueOn = input.DocumentsDueOn!.Value, DocumentsInOn = input.DocumentsInOn,
            CreatedById = userId, CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Add(row);
        await db.SaveChangesAsync(ct);
        foreach (var id in memberIds)
        {
            db.Add(new ProjectBonusMember { BonusId = row.Id, UserId = id, IsManager = id == manager.Id });
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new PerfResult<ProjectBonus>.Ok(row);
    }

    public async Task<PerfResult<ProjectBonus>> RecordDocumentsAsync(ScopeViewer viewer, int id, DocumentsInput input, CancellationToken ct)
    {
        var row = await Bonuses(viewer).SingleOrDefaultAsync(b => b.Id == id, ct);
        if (row is null)
        {
            return new PerfResult<ProjectBonus>.NotFound();
        }

        if (input.DocumentsInOn is not { } day || !Kefu.Core.Calendar.InputRange.Contains(day))
        {
            return new PerfResult<ProjectBonus>.Invalid(new ProblemBuilder().Add("documentsInOn", "Performance.BadDate"));
        }

        if (await db.Set<PerformanceMonth>().AnyAsync(m => m.Month == row.Month && m.UnitId == row.UnitId && m.Status == PerformanceMonthStatus.Locked, ct))
        {
            return new PerfResult<ProjectBonus>.Locked(row.Month);
        }

        row.DocumentsInOn = day;
        return await SaveAsync(row, row.Month, ct);
    }

    public async Task<IReadOnlyList<ProjectBonusMember>> MembersAsync(int bonusId, CancellationToken ct) =>
        await db.Set<ProjectBonusMember>().AsNoTracking().Where(m => m.BonusId == bonusId).OrderBy(m => m.Id).ToListAsync(ct);
}

/// <summary>
/// The monthly run: on the policy's day and hour (company time) it runs the month just ended. A
/// daily trigger in the early hours meets it; on other days it does nothing. Re-running is harmless.
/// </summary>
public sealed class PerformanceMonthJob(PerformanceUseCases uc, TimeProvider clock) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var today = CompanyTime.Today(clock);
        if (today.Day == 1)
        {
            await uc.RunAsync(PerformanceUseCases.MonthOf(today).AddMonths(-1), null, "system", cancellationToken);
        }
    }
}
