using Kefu.Core.Calendar;
using Kefu.Core.Organization;
using Kefu.Core.Receivables;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables;

/// <summary>Where a technician's weekly reconciliation stands.</summary>
public enum RoundStatus
{
    Open,
    TechnicianConfirmed,
    CoordinatorConfirmed,
    Confirmed,
}

public sealed record RoundItemDto(
    long Id, RoundItemKind Kind, int RecordId, string Number, string CustomerName, decimal AmountYuan, decimal OpenYuan, DateOnly? DueDate, decimal? DifferenceYuan,
    string? DifferenceNote, DateTime? NotedAt);

public sealed record RoundEntryDto(
    int Id, int CentreId, DateOnly WeekStart, DateOnly RoundDate, DateOnly ReviewDate, string TechnicianId, string TechnicianName, decimal OpenYuan, int ItemCount,
    RoundStatus Status, DateTime? TechnicianConfirmedAt, string? CoordinatorId, DateTime? CoordinatorConfirmedAt, int Version, IReadOnlyList<RoundItemDto>? Items);

public sealed record OverdueItemDto(
    int InvoiceId, string Number, string CustomerName, string? TechnicianId, string? TechnicianName, DateOnly DueDate, decimal OpenYuan, int DaysOverdue,
    DateTime? LastSentAt, string? LastReason);

public sealed record ReferralDto(int Id, int InvoiceId, string InvoiceNumber, string SalespersonId, string Reason, DateOnly ReviewDate, string SentById, DateTime SentAt);

public sealed record PeriodDto(DateOnly From, DateOnly To, decimal CollectedYuan, decimal TargetYuan, int? PercentOfTarget);

public sealed record CollectionLedgerDto(DateOnly AsOf, PeriodDto Day, PeriodDto Week, PeriodDto Month, PeriodDto Total);

public sealed record CollectionProjectDto(
    int Id, string Name, int? CustomerId, string? CustomerName, string OwnerId, int CentreId, decimal DailyTargetYuan, decimal WeeklyTargetYuan, decimal MonthlyTargetYuan,
    decimal TotalTargetYuan, CollectionLedgerDto Ledger, DateTime CreatedAt);

public sealed record CollectionEntryDto(long Id, DateOnly CollectedOn, decimal AmountYuan, string CollectedById, string? Note, long? ReversesId, DateTime RecordedAt);

public sealed record ArrearsStepDto(ArrearsStep Step, DateOnly DueOn, DateTime RaisedAt, DateOnly? TakenOn, string? TakenById, string? Note);

public sealed record ArrearsDto(
    int Id, int ProjectId, string Debtor, decimal OwedYuan, DateOnly Since, int DaysOverdue, ArrearsStep? StepDue, IReadOnlyList<ArrearsStepDto> Steps,
    DateOnly? ClosedOn, ArrearsOutcome? Outcome, string? CloseNote);

public sealed record CollectionProjectDetailDto(CollectionProjectDto Project, IReadOnlyList<CollectionEntryDto> Entries, IReadOnlyList<ArrearsDto> Arrears);

/// <summary>AR-04 (weekly round, Monday review) and AR-07 (fee collection, arrears) under /api/receivables.</summary>
public static class RoundsAndCollectionApi
{
    public const string RoundConfirmPolicy = "ConfirmReconciliation";
    public const string ReviewPolicy = "ReviewOverdue";
    public const string CollectionProjectPolicy = "ManageCollectionProjects";
    public const string CollectionPolicy = "RecordCollection";

    internal static readonly Role[] Confirmers = [Role.FieldEngineer, Role.TeamLeader, .. ReceivablesModule.Registrars];
    internal static readonly Role[] Reviewers = [Role.CsManager, Role.CentreSupervisor, Role.CsDirector, Role.SystemAdministrator];
    internal static readonly Role[] ProjectManagers = [Role.CentreSupervisor, Role.CsManager, Role.CsDirector, Role.FinanceClerk, Role.SystemAdministrator];
    internal static readonly Role[] Collectors = [Role.Coordinator, .. ProjectManagers];

    public static void AddRoundsAndCollection(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CentrePeople>();
        builder.Services.AddScoped<ReconciliationUseCases>();
        builder.Services.AddScoped<CollectionUseCases>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(RoundConfirmPolicy, p => p.RequireRole(Confirmers.Distinct().Select(KefuRoles.Name)))
            .AddPolicy(ReviewPolicy, p => p.RequireRole(Reviewers.Select(KefuRoles.Name)))
            .AddPolicy(CollectionProjectPolicy, p => p.RequireRole(ProjectManagers.Select(KefuRoles.Name)))
            .AddPolicy(CollectionPolicy, p => p.RequireRole(Collectors.Distinct().Select(KefuRoles.Name)));

        // The hours are policies, read by the jobs on each run; a quarter-hourly run meets them.
        builder.AddRecurringJob<ReconciliationRoundJob>("receivable-rounds", TimeSpan.FromMinutes(15));
        builder.AddRecurringJob<ArrearsEscalationJob>("arrears-escalation", TimeSpan.FromMinutes(15));
    }

    public static void MapRoundsAndCollection(this RouteGroupBuilder ar)
    {
        ar.MapGet("/rounds", ListRounds).WithName("ListReconciliationRounds")
            .WithSummary("AR-04: technicians' weekly reconciliation entries in scope; weekStart, centreId, technicianId, status filters.");
        ar.MapGet("/rounds/{id:int}", GetRound).WithName("GetReconciliationRound").WithSummary("AR-04: one technician's entry with its items and differences.");
        ar.MapPost("/rounds/{id:int}/confirm", ConfirmRound).RequireWritePolicy(RoundConfirmPolicy).WithName("ConfirmReconciliationRound")
            .WithSummary("AR-04: the technician (their own entry) or the coordinator confirms, noting differences per item (409 when that side already confirmed).");
        ar.MapGet("/rounds/overdue", ListOverdue).RequireAuthorization(ReviewPolicy).WithName("ListOverdueForReview")
            .WithSummary("AR-04: the Monday review list: open invoices past their due date as of asOf (today by default), centreId filter.");
        ar.MapPost("/rounds/overdue/{invoiceId:int}/send", SendToSalesperson).RequireWritePolicy(ReviewPolicy).WithName("SendOverdueToSalesperson")
            .WithSummary("AR-04: the manager sends an overdue item to its salesperson with the reason; the salesperson is notified.");

        ar.MapGet("/collection/projects", ListProjects).WithName("ListCollectionProjects")
            .WithSummary("AR-07: fee collection projects in scope with day, week, month and total collected vs target as of asOf.");
        ar.MapPost("/collection/projects", CreateProject).RequireWritePolicy(CollectionProjectPolicy).WithName("CreateCollectionProject");
        ar.MapGet("/collection/projects/{id:int}", GetProject).WithName("GetCollectionProject")
            .WithSummary("AR-07: a project's ledger as of asOf, its latest entries and its arrears with their steps.");
        ar.MapPost("/collection/projects/{id:int}/entries", AddEntry).RequireWritePolicy(CollectionPolicy).WithName("AddCollectionEntry");
        ar.MapPost("/collection/projects/{id:int}/entries/{entryId:long}/reverse", ReverseEntry).RequireWritePolicy(CollectionPolicy).WithName("ReverseCollectionEntry")
            .WithSummary("AR-07: corrects an entry with its negative (nothing is deleted); once per entry.");
        ar.MapPost("/collection/projects/{id:int}/arrears", AddArrears).RequireWritePolicy(CollectionPolicy).WithName("AddArrearsAccount");
        ar.MapPost("/collection/arrears/{id:int}/steps", RecordStep).RequireWritePolicy(CollectionPolicy).WithName("RecordArrearsStep")
            .WithSummary("AR-07: records that the next step (Reminder, LawyerLetter, Lawsuit) was taken, with its date; steps go in order (409 otherwise).");
        ar.MapPost("/collection/arrears/{id:int}/close", CloseArrears).RequireWritePolicy(CollectionPolicy).WithName("CloseArrearsAccount")
            .WithSummary("AR-07: closes an account as Paid, Settled or WrittenOff (a write-off needs a note); it escalates no further (409 when already closed).");
    }

    // ---------------- rounds ----------------

    public static readonly SortMap<ReconciliationEntry> RoundSorts = new SortMap<ReconciliationEntry>(
            q => q.OrderByDescending(e => e.WeekStart).ThenBy(e => e.TechnicianId), q => q.ThenByDescending(e => e.Id))
        .Add("week", e => e.WeekStart).Add("roundDate", e => e.RoundDate).Add("open", e => e.OpenFen).Add("items", e => e.ItemCount);

    public static IQueryable<ReconciliationEntry> Filter(IQueryable<ReconciliationEntry> query, DateOnly? weekStart, int? centreId, string? technicianId, RoundStatus? status)
    {
        if (weekStart is { } week)
        {
            var monday = ReconciliationRound.WeekStart(week);
            query = query.Where(e => e.WeekStart == monday);
        }

        query = centreId is { } c ? query.Where(e => e.CentreId == c) : query;
        query = string.IsNullOrEmpty(technicianId) ? query : query.Where(e => e.TechnicianId == technicianId);
        return status switch
        {
            null => query,
            RoundStatus.Open => query.Where(e => e.TechnicianConfirmedAt == null && e.CoordinatorConfirmedAt == null),
            RoundStatus.TechnicianConfirmed => query.Where(e => e.TechnicianConfirmedAt != null && e.CoordinatorConfirmedAt == null),
            RoundStatus.CoordinatorConfirmed => query.Where(e => e.TechnicianConfirmedAt == null && e.CoordinatorConfirmedAt != null),
            RoundStatus.Confirmed => query.Where(e => e.TechnicianConfirmedAt != null && e.CoordinatorConfirmedAt != null),
            _ => query,
        };
    }

    public static RoundStatus StatusOf(ReconciliationEntry e) => (e.TechnicianConfirmedAt, e.CoordinatorConfirmedAt) switch
    {
        (null, null) => RoundStatus.Open,
        (not null, null) => RoundStatus.TechnicianConfirmed,
        (null, not null) => RoundStatus.CoordinatorConfirmed,
        _ => RoundStatus.Confirmed,
    };

    private static async Task<IResult> ListRounds(DateOnly? weekStart, int? centreId, string? technicianId, RoundStatus? status, string? sort, string? dir, int? page, int? pageSize,
        ReconciliationUseCases rounds, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, RoundSorts, problems);
        if (weekStart is { } w && !InputRange.Contains(w))
        {
            problems.Add("weekStart", "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(rounds.Entries(await current.GetViewerAsync(ct)).AsNoTracking(), weekStart, centreId, technicianId, status);
        var total = await query.CountAsync(ct);
        var items = await RoundSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var names = await NamesAsync(db, items.Select(e => e.TechnicianId), ct);
        return TypedResults.Ok(new Paged<RoundEntryDto>(items.Select(e => ToDto(e, names, null)).ToArray(), p, size, total));
    }

    private static async Task<IResult> GetRound(int id, ReconciliationUseCases rounds, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var entry = await rounds.Entries(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
        return entry is null ? TypedResults.NotFound()
            : TypedResults.Ok(ToDto(entry, await NamesAsync(db, [entry.TechnicianId], ct), await rounds.ItemsAsync(id, ct)));
    }

    private static async Task<IResult> ConfirmRound(int id, RoundConfirmInput input, ReconciliationUseCases rounds, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var isCoordinator = ReceivablesModule.Registrars.Any(current.IsInRole);
        return await rounds.ConfirmAsync(await current.GetViewerAsync(ct), current.UserId!, isCoordinator, id, input, ct) switch
        {
            ArResult<ReconciliationEntry>.Ok ok => TypedResults.Ok(ToDto(ok.Value, await NamesAsync(db, [ok.Value.TechnicianId], ct), await rounds.ItemsAsync(id, ct))),
            var other => Answer(other),
        };
    }

    internal static RoundEntryDto ToDto(ReconciliationEntry e, IReadOnlyDictionary<string, string> names, IReadOnlyList<ReconciliationItem>? items) =>
        new(e.Id, e.CentreId, e.WeekStart, e.RoundDate, e.ReviewDate, e.TechnicianId, names.GetValueOrDefault(e.TechnicianId, ""), e.OpenFen / 100m, e.ItemCount, StatusOf(e),
            e.TechnicianConfirmedAt, e.CoordinatorId, e.CoordinatorConfirmedAt, e.Version,
            items?.Select(i => new RoundItemDto(i.Id, i.Kind, i.RecordId, i.Number, i.CustomerName, i.AmountFen / 100m, i.OpenFen / 100m, i.DueDate,
                i.DifferenceFen is { } d ? d / 100m : null, i.DifferenceNote, i.NotedAt)).ToArray());

    public static async Task<IReadOnlyDictionary<string, string>> NamesAsync(KefuDbContext db, IEnumerable<string?> ids, CancellationToken ct)
    {
        var list = ids.OfType<string>().Distinct().ToArray();
        return await db.Users.AsNoTracking().Where(u => list.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    /// <summary>The Monday review list as of a day, for the API and the page.</summary>
    public static async Task<(IReadOnlyList<OverdueItemDto> Items, int Total)> OverdueAsync(
        ReconciliationUseCases rounds, ReceivablesUseCases receivables, KefuDbContext db, ScopeViewer viewer, DateOnly asOf, int? centreId, int page, int size, CancellationToken ct)
    {
        var invoices = receivables.Invoices(viewer);
        invoices = centreId is { } c ? invoices.Where(i => i.CentreId == c) : invoices;
        var query = rounds.OverdueQuery(invoices, asOf);
        var total = await query.CountAsync(ct);
        var rows = await receivables.BalancesAsync(query.OrderBy(i => i.ExtendedTo ?? i.DueDate).ThenBy(i => i.Id).Skip((page - 1) * size).Take(size), null, ct);
        var ids = rows.Select(r => r.Invoice.Id).ToArray();
        var last = (await db.Set<OverdueReferral>().AsNoTracking().Where(r => ids.Contains(r.InvoiceId)).ToListAsync(ct))
            .GroupBy(r => r.InvoiceId).ToDictionary(g => g.Key, g => g.MaxBy(r => r.SentAt)!);
        var names = await NamesAsync(db, rows.Select(r => r.Invoice.TechnicianId), ct);
        return (rows.Select(r => new OverdueItemDto(r.Invoice.Id, r.Invoice.Number, r.Invoice.CustomerName, r.Invoice.TechnicianId,
            r.Invoice.TechnicianId is { } t ? names.GetValueOrDefault(t) : null, r.EffectiveDueDate, r.OpenFen / 100m, asOf.DayNumber - r.EffectiveDueDate.DayNumber,
            last.GetValueOrDefault(r.Invoice.Id)?.SentAt, last.GetValueOrDefault(r.Invoice.Id)?.Reason)).ToArray(), total);
    }

    private static async Task<IResult> ListOverdue(DateOnly? asOf, int? centreId, int? page, int? pageSize, ReconciliationUseCases rounds, ReceivablesUseCases receivables,
        KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var date = asOf ?? receivables.Today();
        if (!InputRange.Contains(date))
        {
            return new ProblemBuilder().Add("asOf", "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year).ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var (items, total) = await OverdueAsync(rounds, receivables, db, await current.GetViewerAsync(ct), date, centreId, p, size, ct);
        return TypedResults.Ok(new Paged<OverdueItemDto>(items, p, size, total));
    }

    private static async Task<IResult> SendToSalesperson(int invoiceId, ReferralInput input, ReconciliationUseCases rounds, CurrentUser current, CancellationToken ct) =>
        await rounds.SendToSalespersonAsync(await current.GetViewerAsync(ct), current.UserId!, invoiceId, input, ct) switch
        {
            ArResult<OverdueReferral>.Ok ok => TypedResults.Created($"/api/receivables/rounds/overdue?asOf={ok.Value.ReviewDate:yyyy-MM-dd}",
                new ReferralDto(ok.Value.Id, ok.Value.InvoiceId, ok.Value.InvoiceNumber, ok.Value.SalespersonId, ok.Value.Reason, ok.Value.ReviewDate, ok.Value.SentById, ok.Value.SentAt)),
            var other => Answer(other),
        };

    // ---------------- collection ----------------

    public static readonly SortMap<CollectionProject> ProjectSorts = new SortMap<CollectionProject>(
            q => q.OrderBy(p => p.Name).ThenBy(p => p.Id), q => q.ThenBy(p => p.Id))
        .Add("name", p => p.Name).Add("customer", p => p.CustomerName).Add("monthlyTarget", p => p.MonthlyTargetFen).Add("totalTarget", p => p.TotalTargetFen);

    public static IQueryable<CollectionProject> Filter(IQueryable<CollectionProject> query, string? q, int? centreId)
    {
        if (!string.IsNullOrWhiteSpace(q))
        {
            var text = q.Trim();
            query = query.Where(p => p.Name.Contains(text) || (p.CustomerName != null && p.CustomerName.Contains(text)));
        }

        return centreId is { } c ? query.Where(p => p.CentreId == c) : query;
    }

    private static async Task<IResult> ListProjects(string? q, int? centreId, DateOnly? asOf, string? sort, string? dir, int? page, int? pageSize,
        CollectionUseCases collection, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, ProjectSorts, problems);
        var date = asOf ?? collection.Today();
        if (!InputRange.Contains(date))
        {
            problems.Add("asOf", "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year);
        }

        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = Filter(collection.Projects(await current.GetViewerAsync(ct)).AsNoTracking(), q, centreId);
        var total = await query.CountAsync(ct);
        var items = await ProjectSorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ledgers = await collection.LedgersAsync(items, date, ct);
        return TypedResults.Ok(new Paged<CollectionProjectDto>(ledgers.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<IResult> CreateProject(CollectionProjectInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct) =>
        await collection.CreateProjectAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            ArResult<CollectionProject>.Ok ok => TypedResults.Created($"/api/receivables/collection/projects/{ok.Value.Id}",
                ToDto((await collection.LedgersAsync([ok.Value], collection.Today(), ct))[0])),
            var other => Answer(other),
        };

    private static async Task<IResult> GetProject(int id, DateOnly? asOf, CollectionUseCases collection, CurrentUser current, CancellationToken ct)
    {
        var date = asOf ?? collection.Today();
        if (!InputRange.Contains(date))
        {
            return new ProblemBuilder().Add("asOf", "Validation.DateOutOfRange", InputRange.FirstDate.Year, InputRange.LastDate.Year).ToProblem();
        }

        var project = await collection.Projects(await current.GetViewerAsync(ct)).AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var ledger = (await collection.LedgersAsync([project], date, ct))[0];
        var entries = await collection.EntriesAsync(id, 200, ct);
        var arrears = await collection.ArrearsAsync(id, date, ct);
        return TypedResults.Ok(new CollectionProjectDetailDto(ToDto(ledger), entries.Select(ToDto).ToArray(), arrears.Select(ToDto).ToArray()));
    }

    private static async Task<IResult> AddEntry(int id, CollectionEntryInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct) =>
        await collection.AddEntryAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<CollectionEntry>.Ok ok => TypedResults.Created($"/api/receivables/collection/projects/{id}", ToDto(ok.Value)),
            var other => Answer(other),
        };

    private static async Task<IResult> ReverseEntry(int id, long entryId, ReverseInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct) =>
        await collection.ReverseEntryAsync(await current.GetViewerAsync(ct), current.UserId!, id, entryId, input, ct) switch
        {
            ArResult<CollectionEntry>.Ok ok => TypedResults.Ok(ToDto(ok.Value)),
            var other => Answer(other),
        };

    private static async Task<IResult> AddArrears(int id, ArrearsInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct) =>
        await collection.AddArrearsAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct) switch
        {
            ArResult<ArrearsAccount>.Ok ok => TypedResults.Created($"/api/receivables/collection/projects/{id}", ToDto(await collection.ArrearsViewAsync(ok.Value, ct))),
            var other => Answer(other),
        };

    private static async Task<IResult> RecordStep(int id, ArrearsStepInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await collection.RecordStepAsync(viewer, current.UserId!, id, input, ct) switch
        {
            ArResult<ArrearsStepRecord>.Ok => TypedResults.Ok(ToDto(await collection.ArrearsViewAsync((await collection.FindArrearsAsync(viewer, id, ct))!.Value.Account, ct))),
            var other => Answer(other),
        };
    }

    private static async Task<IResult> CloseArrears(int id, ArrearsCloseInput input, CollectionUseCases collection, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await collection.CloseArrearsAsync(viewer, current.UserId!, id, input, ct) switch
        {
            ArResult<ArrearsAccount>.Ok ok => TypedResults.Ok(ToDto(await collection.ArrearsViewAsync(ok.Value, ct))),
            var other => Answer(other),
        };
    }

    private static PeriodDto ToDto(PeriodTotal p) => new(p.From, p.To, p.Collected.Yuan, p.Target.Yuan, p.PercentOfTarget);

    internal static CollectionProjectDto ToDto(ProjectLedger l)
    {
        var p = l.Project;
        return new CollectionProjectDto(p.Id, p.Name, p.CustomerId, p.CustomerName, p.OwnerId, p.CentreId, p.DailyTargetFen / 100m, p.WeeklyTargetFen / 100m,
            p.MonthlyTargetFen / 100m, p.TotalTargetFen / 100m,
            new CollectionLedgerDto(l.Ledger.AsOf, ToDto(l.Ledger.Day), ToDto(l.Ledger.Week), ToDto(l.Ledger.Month), ToDto(l.Ledger.Total)), p.CreatedAt);
    }

    internal static CollectionEntryDto ToDto(CollectionEntry e) => new(e.Id, e.CollectedOn, e.AmountFen / 100m, e.CollectedById, e.Note, e.ReversesId, e.RecordedAt);

    internal static ArrearsDto ToDto(ArrearsView v) =>
        new(v.Account.Id, v.Account.ProjectId, v.Account.Debtor, v.Account.OwedFen / 100m, v.Account.Since, v.DaysOverdue, v.StepDue,
            v.Steps.Select(s => new ArrearsStepDto(s.Step, s.DueOn, s.RaisedAt, s.TakenOn, s.TakenById, s.Note)).ToArray(),
            v.Account.ClosedOn, v.Account.Outcome, v.Account.CloseNote);

    private static IResult Answer<T>(ArResult<T> result) => result switch
    {
        ArResult<T>.Invalid invalid => invalid.Problems.ToProblem(),
        ArResult<T>.Conflict => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict),
        _ => TypedResults.NotFound(),
    };
}
