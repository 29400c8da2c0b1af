using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Expenses;
using Kefu.Web.Modules.Incidents;
using Kefu.Web.Modules.Orders;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Scoping;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Home.Pages;

/// <summary>One hit of the global search: what it is, its number and name, where it opens.</summary>
public sealed record SearchHit(string KindKey, string Number, string Name, string Link);

/// <summary>
/// The top bar's search (UI.md shell): customers, orders, claims and incidents by number or name
/// (customers also by phone), only in the modules the user's roles open and only in their scope.
/// </summary>
public sealed class SearchModel(KefuDbContext db, CurrentUser current) : PageModel
{
    /// <summary>Hits per kind; the lists behind them page the rest.</summary>
    public const int PerKind = 10;

    public string Query { get; private set; } = "";
    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        if (Query.Length is 0 or > 100)
        {
            return;
        }

        var viewer = await current.GetViewerAsync(ct);
        var text = Query;
        var hits = new List<SearchHit>();
        if (Policies.CustomerReaders.Any(current.IsInRole))
        {
            var customers = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer)
                .Where(c => c.Number == text || c.Name.Contains(text) || (c.Phone != null && c.Phone.Contains(text)))
                .OrderBy(c => c.Number).Take(PerKind).Select(c => new { c.Id, c.Number, c.Name }).ToListAsync(ct);
            hits.AddRange(customers.Select(c => new SearchHit("Search.Customer", c.Number, c.Name, $"/customers/{c.Id}")));
        }

        if (OrdersModule.Readers.Any(current.IsInRole))
        {
            var orders = await db.Set<Order>().AsNoTracking().VisibleTo(viewer)
                .Where(o => o.Number == text || o.Number.Contains(text) || o.CustomerName.Contains(text))
                .OrderByDescending(o => o.Id).Take(PerKind).Select(o => new { o.Id, o.Number, o.CustomerName }).ToListAsync(ct);
            hits.AddRange(orders.Select(o => new SearchHit("Search.Order", o.Number, o.CustomerName, $"/orders/{o.Id}")));
        }

        if (IncidentsModule.Readers.Any(current.IsInRole))
        {
            var incidents = await db.Set<Incident>().AsNoTracking().VisibleTo(viewer)
                .Where(i => i.Number == text || i.Number.Contains(text) || i.CustomerName.Contains(text) || i.Summary.Contains(text))
                .OrderByDescending(i => i.Id).Take(PerKind).Select(i => new { i.Id, i.Number, i.CustomerName, i.Summary }).ToListAsync(ct);
            hits.AddRange(incidents.Select(i => new SearchHit("Search.Incident", i.Number, $"{i.CustomerName} · {i.Summary}", $"/incidents/{i.Id}")));
        }

        if (ExpensesModule.Readers.Any(current.IsInRole))
        {
            // A claim is numbered per claimant: its number, or its claimant's name.
            var number = int.TryParse(text, out var n) ? n : (int?)null;
            var claimants = await db.Users.AsNoTracking().Where(u => u.DisplayName.Contains(text)).Select(u => u.Id).Take(50).ToListAsync(ct);
            var claims = await db.Set<ExpenseClaim>().AsNoTracking().VisibleTo(viewer)
                .Where(c => (number != null && c.Number == number) || claimants.Contains(c.ClaimantId))
                .OrderByDescending(c => c.Id).Take(PerKind).Select(c => new { c.Id, c.Number, c.ClaimantId }).ToListAsync(ct);
            var ids = claims.Select(c => c.ClaimantId).Distinct().ToArray();
            var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
            hits.AddRange(claims.Select(c => new SearchHit("Search.Claim", c.Number?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—",
                names.GetValueOrDefault(c.ClaimantId, ""), $"/expenses/{c.Id}")));
        }

        Hits = hits;
    }
}
