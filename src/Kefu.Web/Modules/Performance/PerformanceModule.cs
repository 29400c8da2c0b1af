using System.Security.Claims;
using Kefu.Core.Organization;
using Kefu.Core.Performance;
using Kefu.Web.Data;
using Kefu.Web.Platform;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Jobs;
using Kefu.Web.Platform.Localization;
using Kefu.Web.Platform.Settings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Performance;

public sealed record PerformanceLineDto(
    long Id, string Month, string PersonId, string RuleId, PerformanceLineKind Kind, string? Reason, decimal AmountYuan, decimal? AdjustedYuan, decimal EffectiveYuan,
    string? AdjustReason, PerformanceRating? ForcedRating, string EvidenceType, string EvidenceId, string? EvidenceUrl, long? CorrectsLineId, int Version);

public sealed record PerformanceRecordDto(
    long Id, int MonthId, string Month, int UnitId, string PersonId, string PersonName, int Score, int Jobs, int MobileScore, int Rated, int VerySatisfied, int Complaints,
    int Rank, decimal RewardsYuan, decimal FinesYuan, decimal NetYuan, PerformanceRating Rating, PerformanceMonthStatus Status);

public sealed record PerformanceMonthDto(int Id, string Month, int UnitId, string UnitName, PerformanceMonthStatus Status, DateTime? RunAt, DateTime? LockedAt, string? LockedById, int Version);

public sealed record TrendPointDto(string Month, int Score, decimal NetYuan, PerformanceRating? Rating);

public sealed record MyPerformanceDto(string Month, PerformanceRecordDto? Record, bool Preview, IReadOnlyList<PerformanceLineDto> Lines, IReadOnlyList<TrendPointDto> Trend);

public sealed record PreviewPersonDto(string PersonId, int UnitId, int Score, int Jobs, int MobileScore, int Rated, int VerySatisfied, int Complaints, decimal NetYuan,
    PerformanceRating Rating, IReadOnlyList<PreviewLineDto> Lines);

public sealed record PreviewLineDto(string RuleId, PerformanceLineKind Kind, string? Reason, decimal AmountYuan, string EvidenceType, string EvidenceId, string? EvidenceUrl);

public sealed record RunInput(string? Month, int? UnitId);

public sealed record ProjectBonusDto(
    int Id, string Name, string Month, int UnitId, decimal BonusYuan, string ManagerId, string? ResponsibleId, DateOnly DocumentsDueOn, DateOnly? DocumentsInOn,
    IReadOnlyList<ProjectBonusMemberDto> Members, int Version);

public sealed record ProjectBonusMemberDto(string UserId, bool IsManager);

/// <summary>Performance and incentives (PERF-01..07): the monthly score, rewards and fines of every person.</summary>
public static class PerformanceModule
{
    public const string ReadPolicy = "ReadPerformance";
    public const string ReviewPolicy = "ReviewPerformance";

    /// <summary>Everybody with a month of their own, and the people above them.</summary>
    internal static readonly Role[] Readers = [Role.FieldEngineer, Role.TeamLeader, Role.Coordinator, Role.CsSpecialist, .. PerformanceUseCases.Reviewers, Role.BranchGm, Role.Gm,
        Role.Vp, Role.QcManager, Role.ReadOnlyAuditor, Role.ExpenseAuditor];

    internal static bool CanReview(CurrentUser current) => PerformanceUseCases.Reviewers.Any(current.IsInRole);

    /// <summary>Roles that see more than their own month: centre, branch or company rankings and the ledger.</summary>
    internal static readonly Role[] RankingReaders = [.. PerformanceUseCases.Reviewers, Role.BranchGm, Role.Gm, Role.Vp, Role.QcManager, Role.ReadOnlyAuditor];

    public static void AddPerformance(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<PerformanceCalculator>();
        builder.Services.AddScoped<PerformanceUseCases>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, PerformanceWidget>();
        builder.Services.AddScoped<Platform.Seeding.IDemoDataSeeder, PerformanceDemoSeeder>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, p => p.RequireRole(Readers.Distinct().Select(KefuRoles.Name)))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(PerformanceUseCases.Reviewers.Select(KefuRoles.Name)));

        builder.AddMonthlyReports();

        // The early hours of every day; the job itself runs the month just ended on the 1st.
        builder.AddDailyJob<PerformanceMonthJob>("performance-month", 2, 30);
    }

    public static void MapPerformance(this RouteGroupBuilder api)
    {
        var perf = api.MapGroup("/performance").WithTags("Performance").RequireAuthorization(ReadPolicy);
        perf.MapGet("/me", Mine).WithName("MyPerformance")
            .WithSummary("PERF-01..07: the caller's month (stored, or the live preview while it has not run) with its lines and the 12-month trend.");
        perf.MapGet("/records", ListRecords).WithName("ListPerformanceRecords")
            .WithSummary("The ranking of a month in scope (a technician: their own row); unitId filter; sort score|net|rank|rating.");
        perf.MapGet("/lines", ListLines).WithName("ListPerformanceLines")
            .WithSummary("PERF-06: the ledger of rewards and fines in scope with rule, amount and evidence; month, personId, ruleId, sign=reward|fine filters.");
        perf.MapGet("/preview", Preview).WithName("PreviewPerformance")
            .WithSummary("The live preview of a month (the current one by default), computed now and not stored, for the people in scope.");
        perf.MapGet("/months", ListMonths).RequireAuthorization(ReviewPolicy).WithName("ListPerformanceMonths");
        perf.MapPost("/months/run", Run).RequireWritePolicy(ReviewPolicy).WithName("RunPerformanceMonth")
            .WithSummary("Runs (or re-runs) a month for the units in scope; idempotent; locked units are left as they are.");
        perf.MapPost("/months/{id:int}/lock", Lock).RequireWritePolicy(ReviewPolicy).WithName("LockPerformanceMonth")
            .WithSummary("Locks a unit's month after review; 409 when it is locked already.");
        perf.MapPost("/lines/{id:long}/adjust", Adjust).RequireWritePolicy(ReviewPolicy).WithName("AdjustPerformanceLine")
            .WithSummary("The manager sets a line's amount with a reason (audited); 409 when its month is locked.");
        perf.MapPost("/corrections", Correct).RequireWritePolicy(ReviewPolicy).WithName("CorrectPerformanceLine")
            .WithSummary("A correction of a locked month's line, booked in the person's next open month.");
        perf.MapPost("/project-bonuses", CreateBonus).RequireWritePolicy(ReviewPolicy).WithName("CreateProjectBonus")
            .WithSummary("PERF-05: a project bonus to split by weights (manager 1.2, member 1.0) in its month, less 5 % per day the documents were late.");
        perf.MapGet("/project-bonuses/{id:int}", GetBonus).WithName("GetProjectBonus");
        perf.MapPost("/project-bonuses/{id:int}/documents", RecordDocuments).RequireWritePolicy(ReviewPolicy).WithName("RecordProjectDocuments")
            .WithSummary("PERF-05: the day the project documents came in.");

        api.MapMonthlyReports();

        var settings = api.MapGroup("/settings").WithTags("Settings").RequireAuthorization(Policies.Administer);
        settings.MapGet("/performance-policy", async (PolicyStore store, CancellationToken ct) => TypedResults.Ok(await store.GetAsync<PerformancePolicy>(PerformancePolicy.Key, ct)))
            .WithName("GetPerformancePolicy");
        settings.MapPut("/performance-policy", SavePolicy).RequireWritePolicy(Policies.Administer).WithName("SavePerformancePolicy")
            .WithSummary("The numbers of PERF-01..07: points, rewards, fines, thresholds, weights and rating bounds.");
    }

    /// <summary>Where the evidence of a line can be read; null when it has no page.</summary>
    public static string? EvidenceUrl(string type, string id, string personId, string month)
    {
        var head = id.Split(':')[0];
        return type switch
        {
            "ExpenseClaim" or "AuditorReview" => $"/expenses/{head}",
            "Incident" => $"/incidents/{head}",
            "Invoice" => "/receivables/invoices",
            PerformanceCalculator.ResidentEvidence => $"/field/resident/reports/{head}",
            PerformanceCalculator.TeamEvidence => $"/field/teams/{head}",
            PerformanceCalculator.MobileEvidence => $"/callbacks?technicianId={Uri.EscapeDataString(personId)}&month={month}",
            "ServiceJob" => $"/field/jobs/{head}",
            "PerformanceLine" => $"/performance/ledger?lineId={head}",
            SlaBreachFines.Evidence => $"/deadlines/{head}",
            _ => null,
        };
    }

    internal static PerformanceLineDto ToDto(PerformanceLineEntry l) => new(
        l.Id, l.Month, l.PersonId, l.RuleId, l.Kind, l.Reason, l.AmountFen / 100m, l.AdjustedFen / 100m, l.EffectiveFen / 100m, l.AdjustReason, l.ForcedRating,
        l.EvidenceType, l.EvidenceId, EvidenceUrl(l.EvidenceType, l.EvidenceId, l.PersonId, l.Month), l.CorrectsLineId, l.Version);

    internal static PreviewPersonDto ToDto(ComputedPerson p, PerformancePolicy policy) => new(
        p.PersonId, p.UnitId, p.Score, p.Jobs, p.MobileScore, p.Rated, p.VerySatisfied, p.Complaints, p.Lines.Sum(l => l.Amount.Yuan), MonthlyRating.Rate(p.Score, p.Lines, policy),
        p.Lines.Select(l => new PreviewLineDto(l.RuleId, l.Kind, l.Reason, l.Amount.Yuan, l.EvidenceType, l.EvidenceId, EvidenceUrl(l.EvidenceType, l.EvidenceId, p.PersonId, ""))).ToArray());

    public static readonly SortMap<PerformanceRecord> RecordSorts = new SortMap<PerformanceRecord>(
            q => q.OrderBy(r => r.Rank).ThenBy(r => r.PersonId), q => q.ThenBy(r => r.PersonId))
        .Add("rank", r => r.Rank).Add("score", r => r.Score).Add("net", r => r.NetFen).Add("rating", r => r.Rating).Add("jobs", r => r.Jobs);

    public static readonly SortMap<PerformanceLineEntry> LineSorts = new SortMap<PerformanceLineEntry>(
            q => q.OrderByDescending(l => l.Month).ThenBy(l => l.PersonId).ThenBy(l => l.Id), q => q.ThenBy(l => l.Id))
        .Add("month", l => l.Month).Add("person", l => l.PersonId).Add("rule", l => l.RuleId).Add("amount", l => l.AmountFen);

    /// <summary>The ledger's filters, shared by the API and the pages.</summary>
    public static IQueryable<PerformanceLineEntry> Filter(IQueryable<PerformanceLineEntry> query, string? month, string? personId, string? ruleId, string? sign, long? lineId)
    {
        query = string.IsNullOrEmpty(month) ? query : query.Where(l => l.Month == month);
        query = string.IsNullOrEmpty(personId) ? query : query.Where(l => l.PersonId == personId);
        query = string.IsNullOrEmpty(ruleId) ? query : query.Where(l => l.RuleId == ruleId);
        query = lineId is { } id ? query.Where(l => l.Id == id) : query;
        return sign switch
        {
            "reward" => query.Where(l => (l.AdjustedFen ?? l.AmountFen) > 0),
            "fine" => query.Where(l => (l.AdjustedFen ?? l.AmountFen) < 0),
            _ => query,
        };
    }

    /// <summary>Validates the month and sign filters; null month means this month.</summary>
    internal static (DateOnly Month, ProblemBuilder Problems) Parse(string? month, string? sign, PerformanceUseCases uc)
    {
        var problems = new ProblemBuilder();
        var parsed = string.IsNullOrEmpty(month) ? uc.ThisMonth() : CompanyTime.ParseMonth(month);
        if (parsed is null)
        {
            problems.Add("month", "Performance.BadMonth");
        }

        if (sign is not (null or "" or "reward" or "fine"))
        {
            problems.Add("sign", "Performance.BadSign");
        }

        return (parsed ?? uc.ThisMonth(), problems);
    }

    private static async Task<IResult> Mine(string? month, PerformanceUseCases uc, PerformanceCalculator calculator, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (m, problems) = Parse(month, null, uc);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        return TypedResults.Ok(await MineAsync(m, uc, calculator, db, current.UserId!, ct));
    }

    /// <summary>The caller's month: stored when it has run, else the live preview; the trend from stored months.</summary>
    internal static async Task<MyPerformanceDto> MineAsync(DateOnly month, PerformanceUseCases uc, PerformanceCalculator calculator, KefuDbContext db, string userId, CancellationToken ct)
    {
        var text = CompanyTime.MonthText(month);
        var own = new ScopeViewer(userId, DataScope.Own, "/", "/");
        var record = await uc.Records(own).AsNoTracking().SingleOrDefaultAsync(r => r.Month == text && r.PersonId == userId, ct);
        var months = Enumerable.Range(0, 12).Select(i => CompanyTime.MonthText(month.AddMonths(-i))).ToArray();
        var trend = await uc.Records(own).AsNoTracking().Where(r => r.PersonId == userId && months.Contains(r.Month))
            .OrderBy(r => r.Month).Select(r => new TrendPointDto(r.Month, r.Score, r.NetFen / 100m, r.Rating)).ToListAsync(ct);
        if (record is not null)
        {
            var lines = await uc.Lines(own).AsNoTracking().Where(l => l.Month == text && l.PersonId == userId).OrderBy(l => l.Id).ToListAsync(ct);
            return new MyPerformanceDto(text, (await RecordDtosAsync([record], db, ct))[0], false, lines.Select(ToDto).ToArray(), trend);
        }

        var preview = (await uc.PreviewAsync(own, month, ct)).SingleOrDefault(p => p.PersonId == userId);
        if (preview is null)
        {
            return new MyPerformanceDto(text, null, true, [], trend);
        }

        var policy = await calculator.PolicyAsync(ct);
        var unitRanks = Kefu.Core.Performance.WorkloadScore.Rank((await uc.PreviewAsync(new ScopeViewer(userId, DataScope.Company, "/", "/"), month, ct))
            .Where(p => p.UnitId == preview.UnitId).Select(p => (p.PersonId, p.Score)));
        var rewards = preview.Lines.Where(l => l.Amount.Fen > 0).Sum(l => l.Amount.Yuan);
        var fines = preview.Lines.Where(l => l.Amount.Fen < 0).Sum(l => l.Amount.Yuan);
        var name = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.DisplayName).SingleAsync(ct);
        var dto = new PerformanceRecordDto(0, 0, text, preview.UnitId, userId, name, preview.Score, preview.Jobs, preview.MobileScore, preview.Rated, preview.VerySatisfied,
            preview.Complaints, unitRanks.GetValueOrDefault(userId), rewards, fines, rewards + fines, MonthlyRating.Rate(preview.Score, preview.Lines, policy), PerformanceMonthStatus.Open);
        var previewLines = preview.Lines.Select((l, i) => new PerformanceLineDto(-(i + 1), text, userId, l.RuleId, l.Kind, l.Reason, l.Amount.Yuan, null, l.Amount.Yuan, null,
            l.ForcedRating, l.EvidenceType, l.EvidenceId, EvidenceUrl(l.EvidenceType, l.EvidenceId, userId, text), null, 0)).ToArray();
        return new MyPerformanceDto(text, dto, true, previewLines, trend);
    }

    internal static async Task<IReadOnlyList<PerformanceRecordDto>> RecordDtosAsync(IReadOnlyList<PerformanceRecord> records, KefuDbContext db, CancellationToken ct)
    {
        var ids = records.Select(r => r.PersonId).Distinct().ToArray();
        var monthIds = records.Select(r => r.MonthId).Distinct().ToArray();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var status = await db.Set<PerformanceMonth>().AsNoTracking().Where(m => monthIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Status, ct);
        return records.Select(r => new PerformanceRecordDto(r.Id, r.MonthId, r.Month, r.UnitId, r.PersonId, names.GetValueOrDefault(r.PersonId, ""), r.Score, r.Jobs,
            r.MobileScore, r.Rated, r.VerySatisfied, r.Complaints, r.Rank, r.RewardsFen / 100m, r.FinesFen / 100m, r.NetFen / 100m, r.Rating,
            status.GetValueOrDefault(r.MonthId))).ToArray();
    }

    private static async Task<IResult> ListRecords(string? month, int? unitId, string? sort, string? dir, int? page, int? pageSize, PerformanceUseCases uc, KefuDbContext db,
        CurrentUser current, CancellationToken ct)
    {
        var (m, problems) = Parse(month, null, uc);
        var order = ListSort.ForApi(sort, dir, RecordSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var text = CompanyTime.MonthText(m);
        var query = uc.Records(await current.GetViewerAsync(ct)).AsNoTracking().Where(r => r.Month == text);
        query = unitId is { } u ? query.Where(r => r.UnitId == u) : query;
        var total = await query.CountAsync(ct);
        var items = await RecordSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<PerformanceRecordDto>(await RecordDtosAsync(items, db, ct), p, size, total));
    }

    private static async Task<IResult> ListLines(string? month, string? personId, string? ruleId, string? sign, string? sort, string? dir, int? page, int? pageSize,
        PerformanceUseCases uc, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        if (!string.IsNullOrEmpty(month) && CompanyTime.ParseMonth(month) is null)
        {
            problems.Add("month", "Performance.BadMonth");
        }

        if (sign is not (null or "" or "reward" or "fine"))
        {
            problems.Add("sign", "Performance.BadSign");
        }

        var order = ListSort.ForApi(sort, dir, LineSorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(uc.Lines(await current.GetViewerAsync(ct)).AsNoTracking(), month, personId, ruleId, sign, null);
        var total = await query.CountAsync(ct);
        var items = await LineSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<PerformanceLineDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<IResult> Preview(string? month, PerformanceUseCases uc, PerformanceCalculator calculator, CurrentUser current, CancellationToken ct)
    {
        var (m, problems) = Parse(month, null, uc);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var policy = await calculator.PolicyAsync(ct);
        return TypedResults.Ok((await uc.PreviewAsync(await current.GetViewerAsync(ct), m, ct)).Select(p => ToDto(p, policy)).ToArray());
    }

    private static async Task<IResult> ListMonths(string? month, PerformanceUseCases uc, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (m, problems) = Parse(month, null, uc);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        return TypedResults.Ok(await MonthDtosAsync(uc.Months(await current.GetViewerAsync(ct)).AsNoTracking().Where(x => x.Month == CompanyTime.MonthText(m)), db, ct));
    }

    internal static async Task<IReadOnlyList<PerformanceMonthDto>> MonthDtosAsync(IQueryable<PerformanceMonth> query, KefuDbContext db, CancellationToken ct)
    {
        var months = await query.OrderBy(x => x.UnitId).ToListAsync(ct);
        var unitIds = months.Select(x => x.UnitId).ToArray();
        var names = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return months.Select(x => new PerformanceMonthDto(x.Id, x.Month, x.UnitId, names.GetValueOrDefault(x.UnitId, ""), x.Status, x.RunAt, x.LockedAt, x.LockedById, x.Version)).ToArray();
    }

    private static async Task<IResult> Run(RunInput input, PerformanceUseCases uc, PerformanceCalculator calculator, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var (month, problems) = Parse(input.Month, null, uc);
        if (string.IsNullOrEmpty(input.Month))
        {
            problems.Add("month", "Validation.FieldRequired", ProblemBuilder.Label("month"));
        }

        var units = await UnitsInScopeAsync(viewer, input.UnitId, calculator, db, ct);
        if (units.Count == 0)
        {
            problems.Add("unitId", "Performance.UnitNotInScope");
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var summaries = new List<RunSummary>();
        foreach (var unit in units)
        {
            summaries.Add(await uc.RunAsync(month, unit, current.UserId, ct));
        }

        if (units.Count > 0 && summaries.All(s => s.Units == 0 && s.LockedUnits > 0))
        {
            return Locked(CompanyTime.MonthText(month));
        }

        return TypedResults.Ok(new RunSummary(CompanyTime.MonthText(month), summaries.Sum(s => s.Units), summaries.Sum(s => s.LockedUnits), summaries.Sum(s => s.People),
            summaries.Sum(s => s.LinesAdded), summaries.Sum(s => s.LinesChanged), summaries.Sum(s => s.LinesRemoved)));
    }

    /// <summary>The units a reviewer may run: the one asked for when their scope reaches it, else every unit their scope reaches.</summary>
    internal static async Task<IReadOnlyList<int?>> UnitsInScopeAsync(ScopeViewer viewer, int? unitId, PerformanceCalculator calculator, KefuDbContext db, CancellationToken ct)
    {
        var visible = viewer.VisiblePath;
        if (visible is null)
        {
            return [];
        }

        if (unitId is { } id)
        {
            var path = await db.OrgUnits.AsNoTracking().Where(u => u.Id == id).Select(u => u.Path).SingleOrDefaultAsync(ct);
            return path is not null && OrgPath.IsWithin(path, visible) ? [id] : [];
        }

        if (visible == OrgPath.Root)
        {
            return [null];
        }

        var centres = await calculator.CentresAsync(ct);
        var mine = centres.Where(c => OrgPath.IsWithin(c.Path, visible)).Select(c => (int?)c.Id).ToArray();
        return mine;
    }

    private static async Task<IResult> Lock(int id, PerformanceUseCases uc, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await uc.LockAsync(await current.GetViewerAsync(ct), current.UserId!, id, ct) switch
        {
            PerfResult<PerformanceMonth>.Ok ok => TypedResults.Ok((await MonthDtosAsync(db.Set<PerformanceMonth>().AsNoTracking().Where(m => m.Id == ok.Value.Id), db, ct))[0]),
            var other => Answer(other),
        };

    private static async Task<IResult> Adjust(long id, AdjustInput input, PerformanceUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.AdjustAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            PerfResult<PerformanceLineEntry>.Ok ok => TypedResults.Ok(ToDto(ok.Value)),
            var other => Answer(other),
        };

    private static async Task<IResult> Correct(CorrectionInput input, PerformanceUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.CorrectAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            PerfResult<PerformanceLineEntry>.Ok ok => TypedResults.Created($"/api/performance/lines?lineId={ok.Value.Id}", ToDto(ok.Value)),
            var other => Answer(other),
        };

    private static async Task<IResult> CreateBonus(ProjectBonusInput input, PerformanceUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.CreateBonusAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            PerfResult<ProjectBonus>.Ok ok => TypedResults.Created($"/api/performance/project-bonuses/{ok.Value.Id}", await BonusDtoAsync(ok.Value, uc, ct)),
            var other => Answer(other),
        };

    private static async Task<IResult> GetBonus(int id, PerformanceUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.Bonuses(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct) is { } bonus
            ? TypedResults.Ok(await BonusDtoAsync(bonus, uc, ct)) : TypedResults.NotFound();

    private static async Task<IResult> RecordDocuments(int id, DocumentsInput input, PerformanceUseCases uc, CurrentUser current, CancellationToken ct) =>
        await uc.RecordDocumentsAsync(await current.GetViewerAsync(ct), id, input, ct) switch
        {
            PerfResult<ProjectBonus>.Ok ok => TypedResults.Ok(await BonusDtoAsync(ok.Value, uc, ct)),
            var other => Answer(other),
        };

    private static async Task<ProjectBonusDto> BonusDtoAsync(ProjectBonus b, PerformanceUseCases uc, CancellationToken ct) =>
        new(b.Id, b.Name, b.Month, b.UnitId, b.BonusFen / 100m, b.OwnerId, b.ResponsibleId, b.DocumentsDueOn, b.DocumentsInOn,
            (await uc.MembersAsync(b.Id, ct)).Select(m => new ProjectBonusMemberDto(m.UserId, m.IsManager)).ToArray(), b.Version);

    private static async Task<Results<NoContent, ValidationProblem>> SavePolicy(PerformancePolicy input, PolicyStore store, ClaimsPrincipal user, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        foreach (var (field, min, max) in input.Validate())
        {
            problems.Add(field, "Policy.OutOfRange", min, max);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        await store.SaveAsync(PerformancePolicy.Key, input, user.Identity?.Name, ct);
        return TypedResults.NoContent();
    }

    /// <summary>409 with a problem that says the month is locked and what to do instead.</summary>
    internal static IResult Locked(string month) => TypedResults.Problem(
        detail: Text.Get("Performance.MonthLocked", month), statusCode: StatusCodes.Status409Conflict, title: Text.Get("Performance.MonthLockedTitle"),
        extensions: new Dictionary<string, object?> { ["month"] = month });

    internal static IResult Answer<T>(PerfResult<T> result) => result switch
    {
        PerfResult<T>.Invalid invalid => invalid.Problems.ToProblem(),
        PerfResult<T>.Locked locked => Locked(locked.Month),
        PerfResult<T>.Conflict conflict => TypedResults.Problem(detail: Text.Get(conflict.Key), statusCode: StatusCodes.Status409Conflict, title: Text.Get("Report.ConflictTitle")),
        _ => TypedResults.NotFound(),
    };
}
