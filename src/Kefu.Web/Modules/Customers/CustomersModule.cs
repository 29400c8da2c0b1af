using Kefu.Web.Modules.Organization.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

public sealed record AssignResult(int Assigned);

public sealed record CustomerDto(int Id, string Number, string Name, string? Grade, string? Phone, int CentreId, string? OwnerId, int Version);

/// <summary>Customers as far as the foundation needs them: scoped reads and ownership for rotation.</summary>
public static class CustomersModule
{
    public const string ManagePolicy = "ManageCustomers";
    public const string AssignPolicy = "AssignCustomers";

    internal static readonly Kefu.Core.Organization.Role[] Managers =
    [
        Kefu.Core.Organization.Role.CsSpecialist, Kefu.Core.Organization.Role.Coordinator, Kefu.Core.Organization.Role.TeamLeader,
        Kefu.Core.Organization.Role.CentreSupervisor, Kefu.Core.Organization.Role.BranchGm, Kefu.Core.Organization.Role.CsManager,
        Kefu.Core.Organization.Role.CsDirector, Kefu.Core.Organization.Role.MarketingDirector, Kefu.Core.Organization.Role.BusinessAssistant,
        Kefu.Core.Organization.Role.SystemAdministrator,
    ];

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
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ManagePolicy, p => p.RequireRole(Managers.Select(KefuRoles.Name)))
            .AddPolicy(AssignPolicy, p => p.RequireRole(Assigners.Select(KefuRoles.Name)));
    }

    public static void MapCustomers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Policies.ReadCustomers);
        group.MapGet("/", List).WithName("ListCustomers").WithSummary("Customers in the caller's scope, paged.");
        group.MapGet("/{id:int}", Get).WithName("GetCustomer");
        group.MapPost("/", Create).RequireAuthorization(ManagePolicy).WithName("CreateCustomer")
             .WithSummary("Intake (CUS-03): possible duplicates (name, phone, tax id) answer 409 with the candidates unless confirmDuplicate is true.");
        group.MapGet("/import/template", () => TypedResults.File(CustomerImport.Template(), Kefu.Web.Platform.Export.TableExport.XlsxContentType, "customers-template.xlsx"))
             .RequireAuthorization(ManagePolicy).WithName("CustomerImportTemplate");
        group.MapPost("/import", Import).RequireAuthorization(ManagePolicy).DisableAntiforgery().WithName("ImportCustomers")
             .WithSummary("CUS-03: customers from an Excel sheet (multipart 'file'); valid rows saved, bad rows reported by row and field.");
        group.MapPut("/{id:int}", Update).RequireAuthorization(ManagePolicy).WithName("UpdateCustomer");
        group.MapGet("/{id:int}/history", History).WithName("CustomerHistory").WithSummary("CUS-02: every change, who, when, old → new.");
        group.MapPost("/{id:int}/contacts", Contact).WithName("RecordCustomerContact").WithSummary("CUS-05: a contact record; the first one stops the one-week deadline.");
        group.MapGet("/assignment/suggestion", Suggest).RequireAuthorization(AssignPolicy).WithName("SuggestAssignment")
             .WithSummary("CUS-04: who should take these customers, balancing count against ability.");
        group.MapPost("/assignment", Assign).RequireAuthorization(AssignPolicy).WithName("AssignCustomers");
    }

    private static CustomerDto ToDto(Customer c) => new(c.Id, c.Number, c.Name, c.Grade, c.Phone, c.CentreId, c.OwnerId, c.Version);

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

    private static async Task<Results<NoContent, NotFound>> Contact(int id, CustomerUseCases customers, CurrentUser current, CancellationToken ct) =>
        await customers.RecordContactAsync(await current.GetViewerAsync(ct), id, ct) ? TypedResults.NoContent() : TypedResults.NotFound();

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
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0 || file.Length > 20 * 1024 * 1024)
        {
            return new ProblemBuilder().Add("file", "Attachment.Missing").ToProblem();
        }

        await using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return TypedResults.Ok(await import.ImportAsync(await current.GetViewerAsync(ct), current.UserId!, buffer, ct));
    }

    private static async Task<Results<Ok<AssignResult>, ValidationProblem>> Assign(AssignInput input, CustomerUseCases customers, CurrentUser current, CancellationToken ct)
    {
        var (assigned, problems) = await customers.AssignAsync(await current.GetViewerAsync(ct), input, ct);
        return problems.HasErrors ? problems.ToProblem() : TypedResults.Ok(new AssignResult(assigned));
    }

    private static async Task<Ok<Paged<CustomerDto>>> List(string? q, int? page, int? pageSize, KefuDbContext db, CurrentUser current, CancellationToken ct)
    {
        var (p, size) = Paging.Clamp(page, pageSize);
        var query = db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct));
        if (!string.IsNullOrWhiteSpace(q))
        {
            query = query.Where(c => c.Name.Contains(q) || c.Number.Contains(q));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.Number).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(new Paged<CustomerDto>(items.Select(ToDto).ToArray(), p, size, total));
    }

    private static async Task<Results<Ok<CustomerDto>, NotFound>> Get(int id, KefuDbContext db, CurrentUser current, CancellationToken ct) =>
        await db.Set<Customer>().AsNoTracking().VisibleTo(await current.GetViewerAsync(ct)).SingleOrDefaultAsync(c => c.Id == id, ct) is { } customer
            ? TypedResults.Ok(ToDto(customer))
            : TypedResults.NotFound();
}
