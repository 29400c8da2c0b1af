using Kefu.Web.Modules.Organization.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Import;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

public sealed record AssignResult(int Assigned);

public sealed record CustomerAnalysisDto(CustomerDto Customer, IReadOnlyList<AnalysisSection> Sections, IReadOnlyList<AnalysisTopic> NotYetAvailable);

/// <summary>A customer as the API shows it; <c>openedAt</c> is when it was taken in (CUS-08 开户), <c>closedAt</c> set while the account is closed.</summary>
public sealed record CustomerDto(
    int Id, string Number, string Name, string? Grade, string? Phone, int CentreId, string? OwnerId, int Version,
    Kefu.Core.Customers.AccountStatus AccountStatus, DateTime OpenedAt, DateTime? ClosedAt, string? CloseReason, DateTime? ReopenedAt, string? ReopenReason);

/// <summary>Customers as far as the foundation needs them: scoped reads and ownership for rotation.</summary>
public static class CustomersModule
{
    public const string ManagePolicy = "ManageCustomers";
    public const string AssignPolicy = "AssignCustomers";

    /// <summary>CUS-08: closing and reopening accounts (a supervisor or above: see <see cref="Kefu.Core.Customers.AccountLifecycle.Closers"/>).</summary>
    public const string AccountPolicy = "CloseCustomerAccounts";

    /// <summary>CUS-05: assigned to a specialist who has not contacted the customer yet (a closed account, CUS-08, waits for nobody).</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<Customer, bool>> AwaitingFirstContact =
        c => c.OwnerId != null && c.AssignedAt != null && c.FirstContactAt == null && c.AccountStatus == Kefu.Core.Customers.AccountStatus.Open;

    internal static readonly Kefu.Core.Organization.Role[] Managers =
    [
        Kefu.Core.Organization.Role.CsSpecialist, Kefu.Core.Organization.Role.Coordinator, Kefu.Core.Organization.Role.TeamLeader,
        Kefu.Core.Organization.Role.CentreSupervisor, Kefu.Core.Organization.Role.BranchGm, Kefu.Core.Organization.Role.CsManager,
        Kefu.Core.Organization.Role.CsDirector, Kefu.Core.Organization.Role.MarketingDirector, Kefu.Core.Organization.Role.BusinessAssistant,
        Kefu.Core.Organization.Role.SystemAdministrator,
    ];

    /// <summary>CUS-08: who closes and reopens accounts; the rule says why.</summary>
    internal static readonly Kefu.Core.Organization.Role[] AccountClosers = [.. Kefu.Core.Customers.AccountLifecycle.Closers];

    internal static readonly Kefu.Core.Organization.Role[] Assigners =
    [
        Kefu.Core.Organization.Role.CentreSupervisor, Kefu.Core.Organization.Role.BranchGm, Kefu.Core.Organization.Role.CsManager,
        Kefu.Core.Organization.Role.CsDirector,
    ];

    public static void AddCustomers(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<IOwnedRecords, CustomerOwnership>();
        builder.Services.AddScoped<CustomerUseCases>();
        builder.Services.AddScoped<CustomerImport>();
        builder.Services.AddScoped<CustomerMerge>();
        builder.Services.AddScoped<CustomerPeopleUseCases>();
        builder.Services.AddScoped<ICustomerReferences, CustomerPeopleReferences>();
        builder.Services.AddScoped<InquiryUseCases>();
        builder.Services.AddScoped<Platform.Dashboard.IDashboardWidget, FirstContactsWidget>();
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ManagePolicy, p => p.RequireRole(Managers.Select(KefuRoles.Name)))
            .AddPolicy(AssignPolicy, p => p.RequireRole(Assigners.Select(KefuRoles.Name)))
            .AddPolicy(AccountPolicy, p => p.RequireRole(AccountClosers.Select(KefuRoles.Name)));
    }

    public static void MapCustomers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Policies.ReadCustomers);
        group.MapGet("/", List).WithName("ListCustomers").WithSummary("Customers in the caller's scope, paged.");
        group.MapGet("/{id:int}", Get).WithName("GetCustomer");
        group.MapPost("/", Create).RequireWritePolicy(ManagePolicy).WithName("CreateCustomer")
             .WithSummary("Intake (CUS-03): possible duplicates (name, phone, tax id) answer 409 with the candidates unless confirmDuplicate is true.");
        group.MapGet("/import/template", () => TypedResults.File(CustomerImport.Template(), Kefu.Web.Platform.Export.TableExport.XlsxContentType, "customers-template.xlsx"))
             .RequireAuthorization(ManagePolicy).WithName("CustomerImportTemplate");
        group.MapPost("/import", Import).RequireWritePolicy(ManagePolicy).DisableAntiforgery().WithName("ImportCustomers")
             .WithSummary("CUS-03: customers from an Excel sheet (multipart 'file'); valid rows saved, bad rows reported by row and field. A file that is not a workbook, or breaks a limit of Kefu:Import (size unpacked, compression ratio, rows, columns), is refused whole: 400 naming 'file', nothing saved.");
        group.MapPut("/{id:int}", Update).RequireWritePolicy(ManagePolicy).WithName("UpdateCustomer");
        group.MapGet("/{id:int}/history", History).WithName("CustomerHistory").WithSummary("CUS-02: every change, who, when, old → new.");
        group.MapPost("/{id:int}/contacts", Contact).RequireWritePolicy(ManagePolicy).WithName("RecordCustomerContact")
             .WithSummary("CUS-05: a contact recorded in detail (channel, whom, what was discussed, outcome), kept with the customer's visits; the first one stops the one-week deadline.");
        group.MapGet("/assignment/suggestion", Suggest).RequireAuthorization(AssignPolicy).WithName("SuggestAssignment")
             .WithSummary("CUS-04: who should take these customers, balancing count against ability.");
        group.MapPost("/assignment", Assign).RequireWritePolicy(AssignPolicy).WithName("AssignCustomers");
        group.MapGet("/{id:int}/duplicates", Duplicates).WithName("CustomerDuplicates").WithSummary("CUS-03: customers sharing this one's name, phone or tax id.");
        group.MapPost("/{id:int}/merge", Merge).RequireWritePolicy(AssignPolicy).WithName("MergeCustomers")
             .WithSummary("CUS-03: a supervisor merges duplicateId into this customer; its records move over and it leaves the lists.");
        group.MapPost("/{id:int}/close", CloseAccount).RequireWritePolicy(AccountPolicy).WithName("CloseCustomerAccount")
             .WithSummary("CUS-08: closes the account (销户) with its reason (required); it leaves the active lists and takes no new orders or jobs. 409 when version is stale.");
        group.MapPost("/{id:int}/reopen", ReopenAccount).RequireWritePolicy(AccountPolicy).WithName("ReopenCustomerAccount")
             .WithSummary("CUS-08: reopens a closed account with its reason (required); new orders are taken again.");
        group.MapCustomerPeople();
        group.MapGet("/{id:int}/analysis", Analysis).WithName("CustomerAnalysis").WithSummary("CUS-06: what every module knows about the customer.");

        var inquiries = api.MapGroup("/inquiries").WithTags("Customers").RequireAuthorization(ManagePolicy);
        inquiries.MapGet("/", ListInquiries).WithName("ListInquiries").WithSummary("CUS-07: the development pipeline.");
        inquiries.MapGet("/territory", Territory).WithName("CheckTerritory").WithSummary("CUS-07: the territory decision for a place, channels and product lines.");
        inquiries.MapPost("/", CreateInquiry).RequireWritePolicy(ManagePolicy).WithName("CreateInquiry");
        inquiries.MapPost("/{id:int}/stage", MoveInquiry).RequireWritePolicy(ManagePolicy).WithName("MoveInquiry").WithSummary("CUS-07: the next stage; the first order makes the inquirer a customer.");
    }

    private static CustomerDto ToDto(Customer c) => new(
        c.Id, c.Number, c.Name, c.Grade, c.Phone, c.CentreId, c.OwnerId, c.Version, c.AccountStatus, c.CreatedAt,
        c.AccountStatus == Kefu.Core.Customers.AccountStatus.Closed ? c.ClosedAt : null, c.AccountStatus == Kefu.Core.Customers.AccountStatus.Closed ? c.CloseReason : null,
        c.ReopenedAt, c.ReopenReason);

    private static async Task<Results<Ok<CustomerDto>, ValidationProblem, NotFound, Conflict>> CloseAccount(
        int id, AccountInput input, CustomerUseCases customers, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await AccountAnswerAsync(await customers.CloseAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), db, id, ct);

    private static async Task<Results<Ok<CustomerDto>, ValidationProblem, NotFound, Conflict>> ReopenAccount(
        int id, AccountInput input, CustomerUseCases customers, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await AccountAnswerAsync(await customers.ReopenAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct), db, id, ct);

    private static async Task<Results<Ok<CustomerDto>, ValidationProblem, NotFound, Conflict>> AccountAnswerAsync(CustomerResult result, KefuDbContext db, int id, CancellationToken ct) => result switch
    {
        CustomerResult.Ok => TypedResults.Ok(ToDto(await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == id, ct))),
        CustomerResult.Invalid invalid => invalid.Problems.ToProblem(),
        CustomerResult.Conflict => TypedResults.Conflict(),
        _ => TypedResults.NotFound(),
    };

    private static async Task<Results<Created<CustomerDto>, ValidationProblem, Conflict<IReadOnlyList<DuplicateDto>>>> Create(
        CustomerInput input, CustomerUseCases customers, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await customers.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct) switch
        {
            CustomerResult.Ok ok => TypedResults.Created($"/api/customers/{ok.Id}", ToDto(await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == ok.Id, ct))),
            CustomerResult.Duplicates d => TypedResults.Conflict(d.Candidates),
            CustomerResult.Invalid invalid => invalid.Problems.ToProblem(),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<CustomerDto>, ValidationProblem, NotFound, Conflict>> Update(
        int id, CustomerInput input, CustomerUseCases customers, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await customers.UpdateAsync(await current.GetViewerAsync(ct), id, input, ct) switch
        {
            CustomerResult.Ok => TypedResults.Ok(ToDto(await db.Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == id, ct))),
            CustomerResult.Invalid invalid => invalid.Problems.ToProblem(),
            CustomerResult.Conflict => TypedResults.Conflict(),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<Ok<List<Kefu.Web.Modules.Administration.AuditRow>>, NotFound>> History(int id, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        if (!await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).AnyAsync(c => c.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(Customer) && a.EntityId == key).OrderBy(a => a.Id)
            .Select(a => new Kefu.Web.Modules.Administration.AuditRow(a.Id, a.At, a.UserName, a.ClientAddress, a.Action, a.EntityType, a.EntityId, a.Changes, a.CorrelationId))
            .ToListAsync(ct));
    }

    private static async Task<Results<Created<CustomerContactDto>, ValidationProblem, NotFound>> Contact(
        int id, CustomerContactInput input, CustomerUseCases customers, CurrentUser current, CancellationToken ct)
    {
        var (contact, problems) = await customers.RecordContactAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return problems.HasErrors ? problems.ToProblem()
            : contact is null ? TypedResults.NotFound()
            : TypedResults.Created($"/api/visits?customerId={id}", contact);
    }

    private static async Task<Results<Ok<IReadOnlyList<SuggestionDto>>, ValidationProblem>> Suggest(string? customerIds, CustomerUseCases customers, CurrentUser current, CancellationToken ct)
    {
        var ids = (customerIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(x => int.TryParse(x, out var n) ? n : -1).ToArray();
        if (ids.Length == 0 || ids.Any(i => i < 0))
        {
            return new ProblemBuilder().Add("customerIds", "Customer.NoneChosen").ToProblem();
        }

        return TypedResults.Ok(await customers.SuggestAsync(await current.GetViewerAsync(ct), ids, ct));
    }

    private static async Task<Results<Ok<ImportResult>, ValidationProblem>> Import(IFormCollection form, CustomerImport import, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        return await ImportHandling.RunAsync(form, stream => import.ImportAsync(viewer, current.UserId!, stream, ct));
    }

    private static async Task<Results<Ok<AssignResult>, ValidationProblem>> Assign(AssignInput input, CustomerUseCases customers, CurrentUser current, CancellationToken ct)
    {
        var (assigned, problems) = await customers.AssignAsync(await current.GetViewerAsync(ct), input, ct);
        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new AssignResult(assigned));
    }

    private static async Task<Results<Ok<IReadOnlyList<DuplicateDto>>, NotFound>> Duplicates(int id, CustomerUseCases customers, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        var c = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await customers.DuplicatesAsync(viewer, ToInput(c), id, ct));
    }

    internal static CustomerInput ToInput(Customer c) => new(
        c.Name, c.Type, c.Grade, c.Phone, c.Industry, c.Province, c.City, c.District, c.Address, c.Channel, c.Settlement, c.PaymentCycleDays, c.TaxId,
        c.ContactName, c.ContactEmail, c.Tags, c.Notes, c.CentreId, null, c.Version, c.ProductLines);

    private static async Task<Results<NoContent, NotFound, ValidationProblem, Conflict>> Merge(int id, MergeInput input, CustomerMerge merge, CurrentUser current, CancellationToken ct)
    {
        var (found, problems, conflict) = await merge.MergeAsync(await current.GetViewerAsync(ct), id, input, ct);
        return !found ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CustomerAnalysisDto>, NotFound>> Analysis(int id, KefuDbContext db, CurrentUser current, IEnumerable<ICustomerAnalysisSection> sections, CancellationToken ct)
    {
        var viewer = await current.GetViewerAsync(ct);
        if (await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct) is not { } customer)
        {
            return TypedResults.NotFound();
        }

        var built = new List<AnalysisSection>();
        foreach (var section in sections.OrderBy(s => s.Topic))
        {
            built.Add(await section.BuildAsync(viewer, id, ct));
        }

        return TypedResults.Ok(new CustomerAnalysisDto(ToDto(customer), built, Enum.GetValues<AnalysisTopic>().Except(built.Select(b => b.Topic)).ToArray()));
    }

    /// <summary>The columns the inquiry list sorts on (page and API); the latest change first when none is asked for.</summary>
    public static readonly SortMap<Inquiry> InquirySorts = new SortMap<Inquiry>(q => q.OrderByDescending(i => i.UpdatedAt).ThenByDescending(i => i.Id), q => q.ThenByDescending(i => i.Id))
        .Add("company", i => i.Company).Add("intent", i => i.Intent).Add("region", i => i.Province).Add("outcome", i => i.Outcome)
        .Add("stage", i => i.Stage).Add("created", i => i.CreatedAt).Add("updated", i => i.UpdatedAt);

    private static async Task<Results<Ok<Paged<InquiryDto>>, ValidationProblem>> ListInquiries(
        InquiryStage? stage, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, InquirySorts, problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<Inquiry>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        query = stage is { } s ? query.Where(i => i.Stage == s) : query;
        var total = await query.CountAsync(ct);
        var items = await InquirySorts.Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<InquiryDto>(items.Select(InquiryUseCases.ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<Kefu.Core.Customers.TerritoryDecision>, ValidationProblem>> Territory(
        Kefu.Core.Customers.InquiryIntent? intent, string? province, string? city, string? district, string? channels, string? productLines, InquiryUseCases inquiries, CancellationToken ct)
    {
        var problems = new ProblemBuilder().Required("province", province);
        if (intent is not { } i || !Enum.IsDefined(i))
        {
            problems.Add("intent", "Validation.RequiredHere");
        }

        return problems.HasErrors ? problems.ToProblem()
            : TypedResults.Ok(await inquiries.CheckAsync(intent!.Value, new Kefu.Core.Customers.Region(province!.Trim(), city, district), channels, productLines, ct));
    }

    private static async Task<Results<Created<InquiryDto>, ValidationProblem>> CreateInquiry(InquiryInput input, InquiryUseCases inquiries, CurrentUser current, CancellationToken ct)
    {
        var (inquiry, problems) = await inquiries.CreateAsync(await current.GetViewerAsync(ct), current.UserId!, input, ct);
        return inquiry is null ? problems.ToProblem() : TypedResults.Created($"/api/inquiries/{inquiry.Id}", InquiryUseCases.ToDto(inquiry));
    }

    private static async Task<Results<Ok<InquiryDto>, NotFound, ValidationProblem, Conflict>> MoveInquiry(int id, StageInput input, InquiryUseCases inquiries, CurrentUser current, CancellationToken ct)
    {
        var (inquiry, problems, conflict) = await inquiries.MoveAsync(await current.GetViewerAsync(ct), current.UserId!, id, input, ct);
        return inquiry is null ? TypedResults.NotFound() : conflict ? TypedResults.Conflict() : problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(InquiryUseCases.ToDto(inquiry));
    }

    /// <summary>The columns the customer list sorts on (page and API); centre and owner by their names.</summary>
    public static SortMap<Customer> Sorts(KefuDbContext db) => new SortMap<Customer>(q => q.OrderBy(c => c.Number), q => q.ThenBy(c => c.Id))
        .Add("number", c => c.Number).Add("name", c => c.Name).Add("grade", c => c.Grade)
        .Add("centre", c => db.OrgUnits.Where(u => u.Id == c.CentreId).Select(u => u.Name).FirstOrDefault())
        .Add("owner", c => db.Users.Where(u => u.Id == c.OwnerId).Select(u => u.DisplayName).FirstOrDefault());

    /// <summary>CUS-08: the active list holds open accounts; <c>closed=true</c> lists the closed ones instead.</summary>
    internal static IQueryable<Customer> OfAccounts(IQueryable<Customer> query, bool closed) =>
        query.Where(c => c.AccountStatus == (closed ? Kefu.Core.Customers.AccountStatus.Closed : Kefu.Core.Customers.AccountStatus.Open));

    private static async Task<Results<Ok<Paged<CustomerDto>>, ValidationProblem>> List(
        string? q, bool? closed, int? page, int? pageSize, string? sort, string? dir, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var order = ListSort.ForApi(sort, dir, Sorts(db), problems);
        if (problems.HasErrors)
        {
            return problems.ToProblem();
        }

        var (p, size) = Paging.Clamp(page, pageSize);
        var query = OfAccounts(db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)), closed == true);
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(c => c.Name.Contains(q) || c.Number.Contains(q));
        }

        var total = await query.CountAsync(ct);
        var items = await Sorts(db).Apply(query, order).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<CustomerDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<CustomerDto>, NotFound>> Get(int id, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(c => c.Id == id, ct) is { } customer
            ? TypedResults.Ok(ToDto(customer))
            : TypedResults.NotFound();
}
