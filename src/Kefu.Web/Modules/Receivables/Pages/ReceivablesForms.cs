using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Modules.Customers;
using Kefu.Web.Modules.Field;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Receivables.Pages;

/// <summary>The choices the receivables forms offer: customers and selling technicians in the user's scope.</summary>
internal static class ReceivablesForms
{
    /// <summary>Customers in scope by name (merged ones left out), the chosen one always among them.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> CustomersAsync(KefuDbContext db, ScopeViewer viewer, int? chosen, CancellationToken ct)
    {
        var rows = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Where(c => c.MergedIntoId == null)
            .OrderBy(c => c.Name).Take(500).Select(c => new { c.Id, c.Name }).ToListAsync(ct);
        if (chosen is { } id && rows.All(r => r.Id != id))
        {
            rows.AddRange(await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Where(c => c.Id == id).Select(c => new { c.Id, c.Name }).ToListAsync(ct));
        }

        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>The field engineers and team leaders of the user's part of the organisation.</summary>
    public static async Task<IReadOnlyList<(string Id, string Name)>> TechniciansAsync(JobUseCases jobs, ScopeViewer viewer, CancellationToken ct) =>
        (await jobs.Technicians(viewer.VisiblePath ?? viewer.CentrePath).OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct))
            .Select(u => (u.Id, u.DisplayName)).ToList();
}
