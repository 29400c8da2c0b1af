using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

/// <summary>A contact as entered: name (required), phone, email, position; <c>isPrimary</c> true moves the primary mark to it; <c>version</c> for edits.</summary>
public sealed record ContactPersonInput(string? Name, string? Phone, string? Email, string? Position, bool? IsPrimary, bool? PortalAccess, int? Version);

public sealed record ContactPersonDto(int Id, int CustomerId, string Name, string? Phone, string? Email, string? Position, bool IsPrimary, bool PortalAccess, int Version);

/// <summary>An address as entered: the street line (required), region, what it is for; <c>isPrimary</c> true moves the primary mark to it.</summary>
public sealed record AddressInput(string? Label, string? Province, string? City, string? District, string? Line, bool? IsPrimary, int? Version);

public sealed record AddressDto(int Id, int CustomerId, string? Label, string? Province, string? City, string? District, string? Line, bool IsPrimary, int Version);

public enum PeopleOutcome
{
    Ok,
    NotFound,
    Invalid,
    Conflict,
}

public sealed record PeopleResult<T>(PeopleOutcome Outcome, T? Value, ProblemBuilder Problems);

/// <summary>
/// CUS-01: a customer's contacts and addresses, several of each with exactly one primary
/// (<see cref="PrimaryEntries"/>). Every change keeps the customer's own contact and address
/// fields equal to the primaries, so the rest of the system, which reads those, follows.
/// </summary>
public sealed class CustomerPeopleUseCases(KefuDbContext db, TimeProvider clock)
{
    internal static ContactPersonDto ToDto(CustomerContactPerson c) => new(c.Id, c.CustomerId, c.Name, c.Phone, c.Email, c.Position, c.IsPrimary, c.PortalAccess || c.IsPrimary, c.Version);

    internal static AddressDto ToDto(CustomerAddress a) => new(a.Id, a.CustomerId, a.Label, a.Province, a.City, a.District, a.Line, a.IsPrimary, a.Version);

    private Task<Customer?> CustomerAsync(ScopeViewer viewer, int customerId, CancellationToken ct) =>
        db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == customerId, ct);

    /// <summary>The customer's contacts, primary first; null when the customer is not the viewer's to see (ORG-03).</summary>
    public async Task<IReadOnlyList<ContactPersonDto>?> ContactsAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        if (!await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).AnyAsync(c => c.Id == customerId, ct))
        {
            return null;
        }

        var rows = await db.Set<CustomerContactPerson>().AsNoTracking().Where(c => c.CustomerId == customerId).ToListAsync(ct);
        return rows.OrderByDescending(c => c.IsPrimary).ThenBy(c => c.Id).Select(ToDto).ToArray();
    }

    /// <summary>The customer's addresses, primary first; null when the customer is not the viewer's to see.</summary>
    public async Task<IReadOnlyList<AddressDto>?> AddressesAsync(ScopeViewer viewer, int customerId, CancellationToken ct)
    {
        if (!await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).AnyAsync(c => c.Id == customerId, ct))
        {
            return null;
        }

        var rows = await db.Set<CustomerAddress>().AsNoTracking().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        return rows.OrderByDescending(a => a.IsPrimary).ThenBy(a => a.Id).Select(ToDto).ToArray();
    }

    public async Task<PeopleResult<ContactPersonDto>> AddContactAsync(ScopeViewer viewer, int customerId, ContactPersonInput input, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        if (customer is null)
        {
            return new(PeopleOutcome.NotFound, null, new ProblemBuilder());
        }

        var problems = Validate(input);
        if (problems.HasErrors)
        {
            return new(PeopleOutcome.Invalid, null, problems);
        }

        var all = await db.Set<CustomerContactPerson>().Where(c => c.CustomerId == customerId).ToListAsync(ct);
        var contact = new CustomerContactPerson { CustomerId = customerId, Name = "", CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(contact, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (all.Count == 0 && CustomerPeopleSync.PrimariesOf(customer, contact.CreatedAt).OfType<CustomerContactPerson>().FirstOrDefault() is { } existing)
        {
            // A profile contact not yet in the list (a record written before the list existed) stays the primary.
            db.Add(existing);
            await db.SaveChangesAsync(ct);
            all.Add(existing);
        }

        db.Add(contact);
        await db.SaveChangesAsync(ct);
        if (PrimaryEntries.OnAdd(all.Count, input.IsPrimary))
        {
            await MovePrimaryAsync(all.Append(contact).ToList(), contact.Id, ct);
        }

        MirrorContact(customer, all.Append(contact));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(PeopleOutcome.Ok, ToDto(contact), problems);
    }

    public async Task<PeopleResult<ContactPersonDto>> EditContactAsync(ScopeViewer viewer, int customerId, int contactId, ContactPersonInput input, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        var all = customer is null ? [] : await db.Set<CustomerContactPerson>().Where(c => c.CustomerId == customerId).ToListAsync(ct);
        if (all.SingleOrDefault(c => c.Id == contactId) is not { } contact)
        {
            return new(PeopleOutcome.NotFound, null, new ProblemBuilder());
        }

        if (input.Version is { } version && version != contact.Version)
        {
            return new(PeopleOutcome.Conflict, null, new ProblemBuilder());
        }

        var problems = Validate(input);
        var (primary, refusal) = PrimaryEntries.OnEdit(contact.IsPrimary, input.IsPrimary);
        if (refusal is not null)
        {
            problems.Add("isPrimary", "Customer.People.CannotUnsetPrimary");
        }

        if (problems.HasErrors)
        {
            return new(PeopleOutcome.Invalid, null, problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Apply(contact, input);
        await db.SaveChangesAsync(ct);
        if (primary && !contact.IsPrimary)
        {
            await MovePrimaryAsync(all, contact.Id, ct);
        }

        MirrorContact(customer!, all);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(PeopleOutcome.Ok, ToDto(contact), problems);
    }

    /// <summary>Removes a contact; when it was the primary the oldest remaining one becomes primary. False when not found.</summary>
    public async Task<bool> RemoveContactAsync(ScopeViewer viewer, int customerId, int contactId, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        var all = customer is null ? [] : await db.Set<CustomerContactPerson>().Where(c => c.CustomerId == customerId).ToListAsync(ct);
        if (all.SingleOrDefault(c => c.Id == contactId) is not { } contact)
        {
            return false;
        }

        var after = PrimaryEntries.Remove(all.Select(c => new PrimaryEntry(c.Id, c.IsPrimary)).ToArray(), contactId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Remove(contact);
        all.Remove(contact);
        await db.SaveChangesAsync(ct);
        if (after.FirstOrDefault(e => e.IsPrimary) is { IsPrimary: true } next && all.Single(c => c.Id == next.Id) is { IsPrimary: false } promoted)
        {
            promoted.IsPrimary = true;
        }

        MirrorContact(customer!, all);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task<PeopleResult<AddressDto>> AddAddressAsync(ScopeViewer viewer, int customerId, AddressInput input, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        if (customer is null)
        {
            return new(PeopleOutcome.NotFound, null, new ProblemBuilder());
        }

        var problems = Validate(input);
        if (problems.HasErrors)
        {
            return new(PeopleOutcome.Invalid, null, problems);
        }

        var all = await db.Set<CustomerAddress>().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        var address = new CustomerAddress { CustomerId = customerId, CreatedAt = clock.GetUtcNow().UtcDateTime };
        Apply(address, input);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (all.Count == 0 && CustomerPeopleSync.PrimariesOf(customer, address.CreatedAt).OfType<CustomerAddress>().FirstOrDefault() is { } existing)
        {
            db.Add(existing);
            await db.SaveChangesAsync(ct);
            all.Add(existing);
        }

        db.Add(address);
        await db.SaveChangesAsync(ct);
        if (PrimaryEntries.OnAdd(all.Count, input.IsPrimary))
        {
            await MovePrimaryAsync(all.Append(address).ToList(), address.Id, ct);
        }

        MirrorAddress(customer, all.Append(address));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(PeopleOutcome.Ok, ToDto(address), problems);
    }

    public async Task<PeopleResult<AddressDto>> EditAddressAsync(ScopeViewer viewer, int customerId, int addressId, AddressInput input, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        var all = customer is null ? [] : await db.Set<CustomerAddress>().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        if (all.SingleOrDefault(a => a.Id == addressId) is not { } address)
        {
            return new(PeopleOutcome.NotFound, null, new ProblemBuilder());
        }

        if (input.Version is { } version && version != address.Version)
        {
            return new(PeopleOutcome.Conflict, null, new ProblemBuilder());
        }

        var problems = Validate(input);
        var (primary, refusal) = PrimaryEntries.OnEdit(address.IsPrimary, input.IsPrimary);
        if (refusal is not null)
        {
            problems.Add("isPrimary", "Customer.People.CannotUnsetPrimary");
        }

        if (problems.HasErrors)
        {
            return new(PeopleOutcome.Invalid, null, problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        Apply(address, input);
        await db.SaveChangesAsync(ct);
        if (primary && !address.IsPrimary)
        {
            await MovePrimaryAsync(all, address.Id, ct);
        }

        MirrorAddress(customer!, all);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new(PeopleOutcome.Ok, ToDto(address), problems);
    }

    /// <summary>Removes an address; when it was the primary the oldest remaining one becomes primary. False when not found.</summary>
    public async Task<bool> RemoveAddressAsync(ScopeViewer viewer, int customerId, int addressId, CancellationToken ct)
    {
        var customer = await CustomerAsync(viewer, customerId, ct);
        var all = customer is null ? [] : await db.Set<CustomerAddress>().Where(a => a.CustomerId == customerId).ToListAsync(ct);
        if (all.SingleOrDefault(a => a.Id == addressId) is not { } address)
        {
            return false;
        }

        var after = PrimaryEntries.Remove(all.Select(a => new PrimaryEntry(a.Id, a.IsPrimary)).ToArray(), addressId);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Remove(address);
        all.Remove(address);
        await db.SaveChangesAsync(ct);
        if (after.FirstOrDefault(e => e.IsPrimary) is { IsPrimary: true } next && all.Single(a => a.Id == next.Id) is { IsPrimary: false } promoted)
        {
            promoted.IsPrimary = true;
        }

        MirrorAddress(customer!, all);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// Moves the primary mark in two saves inside the caller's transaction: every other entry is
    /// unmarked first, then the chosen one is marked, so the one-primary index never sees two.
    /// </summary>
    private async Task MovePrimaryAsync<T>(IReadOnlyList<T> all, int id, CancellationToken ct)
        where T : class
    {
        var entries = PrimaryEntries.MakePrimary(all.Select(e => new PrimaryEntry(IdOf(e), IsPrimary(e))).ToArray(), id);
        foreach (var entry in all)
        {
            SetPrimary(entry, false);
        }

        await db.SaveChangesAsync(ct);
        foreach (var entry in all.Where(e => entries.Single(x => x.Id == IdOf(e)).IsPrimary))
        {
            SetPrimary(entry, true);
        }

        await db.SaveChangesAsync(ct);
    }

    private static int IdOf(object e) => e switch { CustomerContactPerson c => c.Id, CustomerAddress a => a.Id, _ => throw new ArgumentException(null, nameof(e)) };

    private static bool IsPrimary(object e) => e is CustomerContactPerson { IsPrimary: true } or CustomerAddress { IsPrimary: true };

    private static void SetPrimary(object e, bool value)
    {
        switch (e)
        {
            case CustomerContactPerson c:
                c.IsPrimary = value;
                break;
            case CustomerAddress a:
                a.IsPrimary = value;
                break;
        }
    }

    /// <summary>The customer's contact fields follow the primary contact (none left: they are cleared).</summary>
    internal static void MirrorContact(Customer customer, IEnumerable<CustomerContactPerson> all)
    {
        var primary = all.FirstOrDefault(c => c.IsPrimary);
        customer.ContactName = primary?.Name;
        customer.ContactEmail = primary?.Email;
    }

    /// <summary>The customer's region and address follow the primary address (none left: they are cleared).</summary>
    internal static void MirrorAddress(Customer customer, IEnumerable<CustomerAddress> all)
    {
        var primary = all.FirstOrDefault(a => a.IsPrimary);
        customer.Province = primary?.Province;
        customer.City = primary?.City;
        customer.District = primary?.District;
        customer.Address = primary?.Line;
    }

    internal static ProblemBuilder Validate(ContactPersonInput input)
    {
        var problems = new ProblemBuilder().Required("name", input.Name).MaxLength("name", input.Name, 100).MaxLength("phone", input.Phone, 40).Phone("phone", input.Phone)
            .MaxLength("email", input.Email, 256).MaxLength("position", input.Position, 100);
        if (!string.IsNullOrWhiteSpace(input.Email) && input.Email.Length <= 256 && !System.Net.Mail.MailAddress.TryCreate(input.Email.Trim(), out _))
        {
            problems.Add("email", "Validation.Email");
        }

        if (input.PortalAccess == true && string.IsNullOrWhiteSpace(input.Email))
        {
            problems.Add("email", "Customer.People.PortalNeedsEmail");
        }

        return problems;
    }

    internal static ProblemBuilder Validate(AddressInput input) =>
        new ProblemBuilder().Required("line", input.Line).MaxLength("line", input.Line, 300).MaxLength("label", input.Label, 50)
            .MaxLength("province", input.Province, 50).MaxLength("city", input.City, 50).MaxLength("district", input.District, 50);

    private static string? T(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();

    private static void Apply(CustomerContactPerson c, ContactPersonInput i)
    {
        c.Name = i.Name!.Trim();
        c.Phone = T(i.Phone);
        c.Email = T(i.Email);
        c.Position = T(i.Position);
        c.PortalAccess = i.PortalAccess ?? c.PortalAccess;
    }

    private static void Apply(CustomerAddress a, AddressInput i)
    {
        a.Label = T(i.Label);
        a.Province = T(i.Province);
        a.City = T(i.City);
        a.District = T(i.District);
        a.Line = i.Line!.Trim();
    }
}
