using Kefu.Web.Modules.Organization.Contracts;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

public sealed record CustomerDto(int Id, string Number, string Name, string? Grade, string? Phone, int CentreId, string? OwnerId, int Version);

/// <summary>Customers as far as the foundation needs them: scoped reads and ownership for rotation.</summary>
public static class CustomersModule
{
    public static void AddCustomers(this WebApplicationBuilder builder) =>
        builder.Services.AddScoped<IOwnedRecords, CustomerOwnership>();

    public static void MapCustomers(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/customers").WithTags("Customers").RequireAuthorization(Policies.ReadCustomers);
        group.MapGet("/", List).WithName("ListCustomers").WithSummary("Customers in the caller's scope, paged.");
        group.MapGet("/{id:int}", Get).WithName("GetCustomer");
    }

    private static CustomerDto ToDto(Customer c) => new(c.Id, c.Number, c.Name, c.Grade, c.Phone, c.CentreId, c.OwnerId, c.Version);

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
