using Kefu.Core.Customers;
using Kefu.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

/// <summary>
/// CUS-01 the other way round: the customer API (create, edit, import) still takes one contact and
/// one address on the profile; they land on the primary contact and the primary address, so the
/// profile and the lists never disagree. Clearing them removes that primary, and the oldest
/// remaining entry takes the mark (and so the profile fields).
/// </summary>
internal static class CustomerPeopleSync
{
    /// <summary>Runs after the customer has its id, inside the caller's transaction; saves.</summary>
    public static async Task FromCustomerAsync(KefuDbContext db, Customer customer, DateTime now, CancellationToken ct)
    {
        await ContactAsync(db, customer, now, ct);
        await AddressAsync(db, customer, now, ct);
    }

    /// <summary>The primary contact and address of a customer just saved (an import's rows: nothing to look up).</summary>
    public static IEnumerable<object> PrimariesOf(Customer customer, DateTime now)
    {
        if (customer.ContactName is not null || customer.ContactEmail is not null)
        {
            yield return new CustomerContactPerson
            {
                CustomerId = customer.Id, Name = customer.ContactName ?? customer.ContactEmail!, Email = customer.ContactEmail, IsPrimary = true, CreatedAt = now,
            };
        }

        if (customer.Province is not null || customer.City is not null || customer.District is not null || customer.Address is not null)
        {
            yield return new CustomerAddress
            {
                CustomerId = customer.Id, Province = customer.Province, City = customer.City, District = customer.District, Line = customer.Address,
                IsPrimary = true, CreatedAt = now,
            };
        }
    }

    private static async Task ContactAsync(KefuDbContext db, Customer customer, DateTime now, CancellationToken ct)
    {
        var all = await db.Set<CustomerContactPerson>().Where(c => c.CustomerId == customer.Id).ToListAsync(ct);
        var primary = all.FirstOrDefault(c => c.IsPrimary);
        if (customer.ContactName is not null || customer.ContactEmail is not null)
        {
            if (primary is null)
            {
                db.Add(new CustomerContactPerson
                {
                    CustomerId = customer.Id, Name = customer.ContactName ?? customer.ContactEmail!, Email = customer.ContactEmail, IsPrimary = true, CreatedAt = now,
                });
            }
            else
            {
                primary.Name = customer.ContactName ?? customer.ContactEmail!;
                primary.Email = customer.ContactEmail;
            }

            await db.SaveChangesAsync(ct);
            return;
        }

        if (primary is null)
        {
            return;
        }

        var after = PrimaryEntries.Remove(all.Select(c => new PrimaryEntry(c.Id, c.IsPrimary)).ToArray(), primary.Id);
        db.Remove(primary);
        all.Remove(primary);
        await db.SaveChangesAsync(ct);
        if (after.FirstOrDefault(e => e.IsPrimary) is { IsPrimary: true } next)
        {
            all.Single(c => c.Id == next.Id).IsPrimary = true;
        }

        CustomerPeopleUseCases.MirrorContact(customer, all);
        await db.SaveChangesAsync(ct);
    }

    private static async Task AddressAsync(KefuDbContext db, Customer customer, DateTime now, CancellationToken ct)
    {
        var all = await db.Set<CustomerAddress>().Where(a => a.CustomerId == customer.Id).ToListAsync(ct);
        var primary = all.FirstOrDefault(a => a.IsPrimary);
        if (customer.Province is not null || customer.City is not null || customer.District is not null || customer.Address is not null)
        {
            if (primary is null)
            {
                primary = new CustomerAddress { CustomerId = customer.Id, IsPrimary = true, CreatedAt = now };
                db.Add(primary);
            }

            primary.Province = customer.Province;
            primary.City = customer.City;
            primary.District = customer.District;
            primary.Line = customer.Address;
            await db.SaveChangesAsync(ct);
            return;
        }

        if (primary is null)
        {
            return;
        }

        var after = PrimaryEntries.Remove(all.Select(a => new PrimaryEntry(a.Id, a.IsPrimary)).ToArray(), primary.Id);
        db.Remove(primary);
        all.Remove(primary);
        await db.SaveChangesAsync(ct);
        if (after.FirstOrDefault(e => e.IsPrimary) is { IsPrimary: true } next)
        {
            all.Single(a => a.Id == next.Id).IsPrimary = true;
        }

        CustomerPeopleUseCases.MirrorAddress(customer, all);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>CUS-03 merge: the duplicate's contacts and addresses join the survivor's, none of them primary unless the survivor had none.</summary>
    public static async Task MoveAsync(KefuDbContext db, int fromCustomerId, int toCustomerId, CancellationToken ct)
    {
        var contacts = await db.Set<CustomerContactPerson>().Where(c => c.CustomerId == fromCustomerId || c.CustomerId == toCustomerId).ToListAsync(ct);
        var addresses = await db.Set<CustomerAddress>().Where(a => a.CustomerId == fromCustomerId || a.CustomerId == toCustomerId).ToListAsync(ct);
        foreach (var c in contacts.Where(c => c.CustomerId == fromCustomerId))
        {
            c.CustomerId = toCustomerId;
            c.IsPrimary = false;
        }

        foreach (var a in addresses.Where(a => a.CustomerId == fromCustomerId))
        {
            a.CustomerId = toCustomerId;
            a.IsPrimary = false;
        }

        await db.SaveChangesAsync(ct);
        var contactPrimary = PrimaryEntries.Normalize(contacts.Select(c => new PrimaryEntry(c.Id, c.IsPrimary)).ToArray()).FirstOrDefault(e => e.IsPrimary);
        var addressPrimary = PrimaryEntries.Normalize(addresses.Select(a => new PrimaryEntry(a.Id, a.IsPrimary)).ToArray()).FirstOrDefault(e => e.IsPrimary);
        if (contacts.Count > 0)
        {
            contacts.Single(c => c.Id == contactPrimary.Id).IsPrimary = true;
        }

        if (addresses.Count > 0)
        {
            addresses.Single(a => a.Id == addressPrimary.Id).IsPrimary = true;
        }

        await db.SaveChangesAsync(ct);
    }
}

/// <summary>CUS-03: merging moves the duplicate's contacts and addresses to the survivor.</summary>
internal sealed class CustomerPeopleReferences(KefuDbContext db) : ICustomerReferences
{
    public Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken ct) => CustomerPeopleSync.MoveAsync(db, fromCustomerId, toCustomerId, ct);
}
