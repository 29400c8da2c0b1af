using Kefu.Core.Organization;
using Kefu.Web.Data;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

/// <summary>Records of other modules that point at a customer; a merge moves them to the surviving record.</summary>
public interface ICustomerReferences
{
    Task MoveAsync(int fromCustomerId, int toCustomerId, CancellationToken ct);
}

public sealed record MergeInput(int? DuplicateId, int? Version);

/// <summary>
/// CUS-03: a supervisor merges a duplicate into the customer that stays. Blank fields of the
/// survivor take the duplicate's values, every record pointing at the duplicate moves over, and
/// the duplicate leaves every list (it stays in the database, with its history, marked merged).
/// </summary>
public sealed class CustomerMerge(KefuDbContext db, SlaService sla, IEnumerable<ICustomerReferences> references)
{
    public async Task<(bool Found, ProblemBuilder Problems, bool Conflict)> MergeAsync(ScopeViewer viewer, int survivorId, MergeInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var survivor = await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == survivorId, ct);
        if (survivor is null)
        {
            return (false, problems, false);
        }

        if (input.Version is { } version && version != survivor.Version)
        {
            return (true, problems, true);
        }

        var duplicate = input.DuplicateId is { } id && id != survivorId
            ? await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct)
            : null;
        if (duplicate is null)
        {
            problems.Add("duplicateId", "Customer.UnknownCustomer");
            return (true, problems, false);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        survivor.Grade ??= duplicate.Grade;
        survivor.Phone ??= duplicate.Phone;
        survivor.PhoneKey ??= duplicate.PhoneKey;
        survivor.Industry ??= duplicate.Industry;
        survivor.Province ??= duplicate.Province;
        survivor.City ??= duplicate.City;
        survivor.District ??= duplicate.District;
        survivor.Address ??= duplicate.Address;
        survivor.Channel ??= duplicate.Channel;
        survivor.PaymentCycleDays ??= duplicate.PaymentCycleDays;
        survivor.TaxId ??= duplicate.TaxId;
        survivor.TaxIdKey ??= duplicate.TaxIdKey;
        survivor.ContactName ??= duplicate.ContactName;
        survivor.ContactEmail ??= duplicate.ContactEmail;
        survivor.ProductLines ??= duplicate.ProductLines;
        survivor.Tags = string.Join(",", new[] { survivor.Tags, duplicate.Tags }.Where(t => !string.IsNullOrWhiteSpace(t))
            .SelectMany(t => t!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.Ordinal)) is { Length: > 0 and <= 300 } tags
            ? tags : survivor.Tags;
        survivor.Notes = survivor.Notes is null ? duplicate.Notes : duplicate.Notes is null ? survivor.Notes
            : (survivor.Notes + "\n" + duplicate.Notes) is { Length: <= 2000 } notes ? notes : survivor.Notes;
        survivor.OwnerId ??= duplicate.OwnerId;
        survivor.FirstContactAt ??= duplicate.FirstContactAt;
        duplicate.MergedIntoId = survivor.Id;
        await sla.StopAsync(nameof(Customer), duplicate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), CustomerUseCases.FirstContactRule, ct);
        await db.SaveChangesAsync(ct);
        foreach (var reference in references)
        {
            await reference.MoveAsync(duplicate.Id, survivor.Id, ct);
        }

        await tx.CommitAsync(ct);
        return (true, problems, false);
    }
}
