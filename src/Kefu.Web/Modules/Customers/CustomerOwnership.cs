using Kefu.Web.Data;
using Kefu.Web.Modules.Organization.Contracts;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

/// <summary>ORG-05: a specialist's customers go to the successor on rotation.</summary>
internal sealed class CustomerOwnership(KefuDbContext db) : IOwnedRecords
{
    public string Kind => "Owned.Customers";

    public Task<int> CountAsync(string ownerId, CancellationToken ct) =>
        db.Set<Customer>().CountAsync(c => c.OwnerId == ownerId, ct);

    public async Task<int> TransferAsync(string fromUserId, string toUserId, CancellationToken ct)
    {
        // Tracked updates, not a bulk update, so each customer's change lands in the audit log.
        var customers = await db.Set<Customer>().Where(c => c.OwnerId == fromUserId).ToListAsync(ct);
        foreach (var customer in customers)
        {
            customer.OwnerId = toUserId;
        }

        return customers.Count;
    }
}
