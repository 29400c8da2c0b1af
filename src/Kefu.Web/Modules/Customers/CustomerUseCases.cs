using Kefu.Core.Customers;
using Kefu.Core.Organization;
using Kefu.Core.Sla;
using Kefu.Web.Data;
using Kefu.Web.Platform.Auth;
using Kefu.Web.Platform.Http;
using Kefu.Web.Platform.Scoping;
using Kefu.Web.Platform.Sequences;
using Kefu.Web.Platform.Settings;
using Kefu.Web.Platform.Sla;
using Microsoft.EntityFrameworkCore;

namespace Kefu.Web.Modules.Customers;

public sealed record CustomerInput(
    string? Name, CustomerType? Type, string? Grade, string? Phone, string? Industry, string? Province, string? City, string? District,
    string? Address, string? Channel, SettlementMode? Settlement, int? PaymentCycleDays, string? TaxId, string? ContactName, string? ContactEmail,
    string? Tags, string? Notes, int? CentreId, bool? ConfirmDuplicate, int? Version, string? ProductLines = null);

public sealed record DuplicateDto(int Id, string Number, string Name, IReadOnlyList<string> Matches);

public sealed record AssignInput(IReadOnlyList<int>? CustomerIds, string? SpecialistId);

/// <summary>CUS-08: closing or reopening an account: the reason (required) and the version the caller read.</summary>
public sealed record AccountInput(string? Reason, int? Version);

public sealed record SuggestionDto(int CustomerId, string SpecialistId, string Specialist);

public abstract record CustomerResult
{
    public sealed record Ok(int Id) : CustomerResult;
    public sealed record Invalid(ProblemBuilder Problems) : CustomerResult;
    public sealed record Duplicates(IReadOnlyList<DuplicateDto> Candidates) : CustomerResult;
    public sealed record NotFound : CustomerResult;
    public sealed record Conflict : CustomerResult;
}

/// <summary>CUS-01..05: intake with duplicate detection, edits, assignment with the first-contact deadline.</summary>
public sealed class CustomerUseCases(
    KefuDbContext db, SlaService sla, PolicyStore policies, NumberSequences sequences, ICustomerContactLog contactLog, TimeProvider clock, Training.Contracts.IOnDutyGate duty)
{
    public const string FirstContactRule = "CUS-05";

    /// <summary>Customers are numbered in one company-wide sequence: C00001, C00002…</summary>
    public const string NumberSequence = "Customer";

    public static string FormatNumber(long number) => $"C{number:D5}";

    /// <summary>
    /// Gives new customers the next consecutive numbers, inside the caller's transaction (the one
    /// that saves them), so a rollback gives the numbers back.
    /// </summary>
    internal async Task NumberAsync(IReadOnlyList<Customer> customers, CancellationToken ct)
    {
        if (customers.Count == 0)
        {
            return;
        }

        var first = await sequences.TakeAsync(NumberSequence, NumberSequences.CompanyWide, customers.Count, ct);
        for (var i = 0; i < customers.Count; i++)
        {
            customers[i].Number = FormatNumber(first + i);
        }
    }

    /// <summary>
    /// CUS-03: customers that share a name, phone or tax id with the input, among those the viewer
    /// may see (ORG-03): another centre's customers are never named to them.
    /// </summary>
    public async Task<IReadOnlyList<DuplicateDto>> DuplicatesAsync(ScopeViewer viewer, CustomerInput input, int? exceptId, CancellationToken ct)
    {
        var name = DuplicateKeys.Name(input.Name);
        var phone = DuplicateKeys.Phone(input.Phone);
        var tax = DuplicateKeys.TaxId(input.TaxId);
        var candidates = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer)
            .Where(c => c.Id != exceptId && ((name != "" && c.NameKey == name) || (phone.Length >= 7 && c.PhoneKey == phone) || (tax != "" && c.TaxIdKey == tax)))
            .Take(20).ToListAsync(ct);
        return candidates.Select(c => new DuplicateDto(c.Id, c.Number, c.Name, DuplicateKeys.Shared((input.Name, input.Phone, input.TaxId), (c.Name, c.Phone, c.TaxId)))).ToArray();
    }

    /// <summary>CUS-03: possible duplicates are shown before saving; the caller confirms to save anyway.</summary>
    public async Task<CustomerResult> CreateAsync(ScopeViewer viewer, string createdBy, CustomerInput input, CancellationToken ct)
    {
        var problems = Validate(input);
        var centre = await CentreAsync(viewer, input.CentreId, createdBy, problems, ct);
        if (problems.HasErrors)
        {
            return new CustomerResult.Invalid(problems);
        }

        if (input.ConfirmDuplicate != true && await DuplicatesAsync(viewer, input, null, ct) is { Count: > 0 } duplicates)
        {
            return new CustomerResult.Duplicates(duplicates);
        }

        var customer = new Customer { Number = "", Name = "", CentreId = centre!.Id, OrgPath = centre.Path, CreatedAt = clock.GetUtcNow().UtcDateTime };
        // A specialist's own intake is theirs (they collected it, CUS-03); a leader's waits for assignment (CUS-04).
        if (viewer.Scope == DataScope.Own)
        {
            customer.OwnerId = createdBy;
            customer.AssignedAt = customer.CreatedAt;
        }

        Apply(customer, input);

        // Inside a caller's unit of work (an inquiry's first order) the caller commits.
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await NumberAsync([customer], ct);
        db.Add(customer);
        await db.SaveChangesAsync(ct);
        await CustomerPeopleSync.FromCustomerAsync(db, customer, customer.CreatedAt, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new CustomerResult.Ok(customer.Id);
    }

    public async Task<CustomerResult> UpdateAsync(ScopeViewer viewer, int id, CustomerInput input, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return new CustomerResult.NotFound();
        }

        if (input.Version is { } version && version != customer.Version)
        {
            return new CustomerResult.Conflict();
        }

        var problems = Validate(input);
        if (problems.HasErrors)
        {
            return new CustomerResult.Invalid(problems);
        }

        Apply(customer, input);
        await using var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await CustomerPeopleSync.FromCustomerAsync(db, customer, clock.GetUtcNow().UtcDateTime, ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        return new CustomerResult.Ok(customer.Id);
    }

    /// <summary>
    /// CUS-08 (seed 004 开户、做单、销户): closes the account with its reason. It leaves the active lists,
    /// takes no new orders or jobs, and the first-contact deadline stops (nobody need call a closed
    /// account); everything it has stays readable. The audit trail records who, when and why.
    /// </summary>
    public Task<CustomerResult> CloseAsync(ScopeViewer viewer, string userId, int id, AccountInput input, CancellationToken ct) =>
        ChangeAccountAsync(viewer, id, input, AccountLifecycle.RefusalsToClose, async (customer, reason, now) =>
        {
            customer.AccountStatus = AccountStatus.Closed;
            customer.ClosedAt = now;
            customer.ClosedByUserId = userId;
            customer.CloseReason = reason;
            await sla.StopAsync(nameof(Customer), customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstContactRule, ct);
        }, ct);

    /// <summary>CUS-08: reopens a closed account, recording who, when and why; new orders are taken again.</summary>
    public Task<CustomerResult> ReopenAsync(ScopeViewer viewer, string userId, int id, AccountInput input, CancellationToken ct) =>
        ChangeAccountAsync(viewer, id, input, AccountLifecycle.RefusalsToReopen, (customer, reason, now) =>
        {
            customer.AccountStatus = AccountStatus.Open;
            customer.ReopenedAt = now;
            customer.ReopenedByUserId = userId;
            customer.ReopenReason = reason;
            return Task.CompletedTask;
        }, ct);

    private async Task<CustomerResult> ChangeAccountAsync(
        ScopeViewer viewer, int id, AccountInput input, Func<AccountStatus, string?, IReadOnlyList<AccountRefusal>> refusals,
        Func<Customer, string, DateTime, Task> apply, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return new CustomerResult.NotFound();
        }

        if (input.Version is { } version && version != customer.Version)
        {
            return new CustomerResult.Conflict();
        }

        var problems = new ProblemBuilder();
        foreach (var refusal in refusals(customer.AccountStatus, input.Reason))
        {
            AddRefusal(problems, refusal);
        }

        if (problems.HasErrors)
        {
            return new CustomerResult.Invalid(problems);
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await apply(customer, input.Reason!.Trim(), clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new CustomerResult.Ok(customer.Id);
    }

    /// <summary>CUS-08: a refusal as a message on the field it concerns.</summary>
    public static void AddRefusal(ProblemBuilder problems, AccountRefusal refusal, string stateField = "accountStatus")
    {
        switch (refusal)
        {
            case AccountRefusal.ReasonMissing:
                problems.Add("reason", "Customer.Account.ReasonMissing");
                break;
            case AccountRefusal.ReasonTooLong:
                problems.Add("reason", "Customer.Account.ReasonTooLong", AccountLifecycle.ReasonMaxLength);
                break;
            case AccountRefusal.AlreadyClosed or AccountRefusal.NotClosed or AccountRefusal.AccountClosed:
                problems.Add(stateField, "Customer.Account." + refusal);
                break;
        }
    }

    /// <summary>CUS-04's suggestion for the given customers among the specialists of the viewer's scope.</summary>
    public async Task<IReadOnlyList<SuggestionDto>> SuggestAsync(ScopeViewer viewer, IReadOnlyList<int> customerIds, CancellationToken ct)
    {
        var specialists = await SpecialistsAsync(viewer, ct);
        // TRN-04: the suggestion proposes only people on duty.
        var notOnDuty = await duty.ReasonsAsync(specialists.Select(s => s.Id).ToArray(), ct);
        specialists = specialists.Where(s => !notOnDuty.ContainsKey(s.Id)).ToList();
        var counts = await db.Set<Customer>().Where(c => c.OwnerId != null).GroupBy(c => c.OwnerId!).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var loads = specialists.Select(s => new SpecialistLoad(s.Id, counts.FirstOrDefault(c => c.Key == s.Id)?.Count ?? 0, Ability(s.Grade))).ToArray();
        var visible = await db.Set<Customer>().AsNoTracking().VisibleTo(viewer).Where(c => customerIds.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
        return AssignmentBalancer.Suggest(visible.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(), loads)
            .Select(s => new SuggestionDto(int.Parse(s.CustomerId, System.Globalization.CultureInfo.InvariantCulture), s.SpecialistId,
                specialists.Single(p => p.Id == s.SpecialistId).DisplayName)).ToArray();
    }

    /// <summary>CUS-04/05: assigns customers; each assignment starts a one-week first-contact deadline.</summary>
    public async Task<(int Assigned, ProblemBuilder Problems)> AssignAsync(ScopeViewer viewer, AssignInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var ids = input.CustomerIds ?? [];
        if (ids.Count == 0)
        {
            problems.Add("customerIds", "Customer.NoneChosen");
        }

        var specialist = (await SpecialistsAsync(viewer, ct)).SingleOrDefault(s => s.Id == input.SpecialistId);
        if (specialist is null)
        {
            problems.Add("specialistId", "Customer.UnknownSpecialist");
        }
        else
        {
            // TRN-04 (CUS-04): only a person on duty takes customers; the refusal says why.
            await duty.RefuseUnlessOnDutyAsync(specialist.Id, "specialistId", problems, ct);
        }

        var customers = await db.Set<Customer>().VisibleTo(viewer).Where(c => ids.Contains(c.Id)).ToListAsync(ct);
        if (customers.Count != ids.Distinct().Count())
        {
            problems.Add("customerIds", "Customer.UnknownCustomer");
        }

        if (problems.HasErrors)
        {
            return (0, problems);
        }

        var firstContact = SlaTarget.Minutes((await policies.GetAsync<CustomerPolicy>(CustomerPolicy.Key, ct)).FirstContactDays * 24 * 60);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var customer in customers.Where(c => c.OwnerId != specialist!.Id))
        {
            await sla.StopAsync(nameof(Customer), customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstContactRule, ct);
            customer.OwnerId = specialist!.Id;
            customer.AssignedAt = now.UtcDateTime;
            customer.FirstContactAt = null;
            await sla.StartAsync(new StartTimer(nameof(Customer), customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstContactRule,
                Kefu.Web.Platform.Localization.LocalText.Of("SlaName.FirstContact", customer.Name).Store(200), firstContact, specialist.Id, customer.OrgPath,
                [EscalationTarget.ForRole(Role.CentreSupervisor)], Link: $"/customers/{customer.Id}"), ct);
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return (customers.Count, problems);
    }

    /// <summary>
    /// CUS-05 (seed 000: 应在一周内与客户进行沟通，并做详细备案): a contact recorded in detail — the channel and
    /// what was discussed are required — kept in the customer's contact history; the first one stops the
    /// one-week first-contact deadline. Null when the customer is not the viewer's to see.
    /// </summary>
    public async Task<(CustomerContactDto? Contact, ProblemBuilder Problems)> RecordContactAsync(
        ScopeViewer viewer, string userId, int id, CustomerContactInput input, CancellationToken ct)
    {
        var problems = new ProblemBuilder();
        var customer = await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return (null, problems);
        }

        if (input.Channel is not { } channel || !Enum.IsDefined(channel))
        {
            problems.Add("channel", "Validation.RequiredHere");
        }

        problems.Required("summary", input.Summary).MaxLength("summary", input.Summary, 2000)
            .MaxLength("contactName", input.ContactName, 100).MaxLength("outcome", input.Outcome, 2000);
        if (problems.HasErrors)
        {
            return (null, problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var contact = input with
        {
            ContactName = string.IsNullOrWhiteSpace(input.ContactName) ? null : input.ContactName.Trim(), Summary = input.Summary!.Trim(),
            Outcome = string.IsNullOrWhiteSpace(input.Outcome) ? null : input.Outcome.Trim(),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        contactLog.Add(customer.Id, customer.OrgPath, userId, contact, now);
        await MarkContactedAsync(customer, ct);
        await tx.CommitAsync(ct);

        var policy = await policies.GetAsync<CustomerPolicy>(CustomerPolicy.Key, ct);
        DateTime? due = customer.AssignedAt?.AddDays(policy.FirstContactDays);
        return (new CustomerContactDto(customer.Id, contact.Channel!.Value, contact.ContactName, contact.Summary!, contact.Outcome, now, customer.AssignedAt,
            customer.FirstContactAt!.Value, due, due is { } d ? customer.FirstContactAt <= d : null), problems);
    }

    /// <summary>CUS-05: a contact recorded elsewhere (a visit, VIS-02) counts as contact too: the first one stops the one-week deadline.</summary>
    public async Task<bool> MarkContactedAsync(ScopeViewer viewer, int id, CancellationToken ct)
    {
        var customer = await db.Set<Customer>().VisibleTo(viewer).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (customer is null)
        {
            return false;
        }

        await MarkContactedAsync(customer, ct);
        return true;
    }

    private async Task MarkContactedAsync(Customer customer, CancellationToken ct)
    {
        customer.FirstContactAt ??= clock.GetUtcNow().UtcDateTime;
        await sla.StopAsync(nameof(Customer), customer.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), FirstContactRule, ct);
        await db.SaveChangesAsync(ct);
    }

    private async Task<List<KefuUser>> SpecialistsAsync(ScopeViewer viewer, CancellationToken ct)
    {
        return await db.Users.AsNoTracking().VisibleTo(viewer).ActiveHolding(db, Role.CsSpecialist)
            .OrderBy(u => u.EmployeeNumber).ToListAsync(ct);
    }

    /// <summary>CUS-04: the staff grade as an ability weight ("1"…"5", or A=3/B=2/C=1); unknown grades count as 1.</summary>
    public static decimal Ability(string? grade) => grade?.Trim().ToUpperInvariant() switch
    {
        "A" => 3m,
        "B" => 2m,
        "C" => 1m,
        { } g when decimal.TryParse(g, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0 => n,
        _ => 1m,
    };

    internal async Task<OrgUnit?> CentreAsync(ScopeViewer viewer, int? centreId, string userId, ProblemBuilder problems, CancellationToken ct)
    {
        OrgUnit? centre;
        if (centreId is { } id)
        {
            centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id && u.Kind == OrgUnitKind.Centre, ct);
        }
        else
        {
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
            centre = await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Path == viewer.CentrePath && u.Kind == OrgUnitKind.Centre, ct)
                ?? await db.OrgUnits.AsNoTracking().SingleOrDefaultAsync(u => u.Id == user.OrgUnitId && u.Kind == OrgUnitKind.Centre, ct);
        }

        // Customers belong to a centre the creator may see (ORG-03).
        if (centre is null || (viewer.VisiblePath is not { } visible ? centre.Path != viewer.CentrePath : !OrgPath.IsWithin(centre.Path, visible)))
        {
            problems.Add("centreId", "Validation.UnknownOrgUnit");
            return null;
        }

        return centre;
    }

    internal static ProblemBuilder Validate(CustomerInput input)
    {
        var problems = new ProblemBuilder();
        problems.Required("name", input.Name).MaxLength("name", input.Name, 200).MaxLength("phone", input.Phone, 40).Phone("phone", input.Phone).MaxLength("grade", input.Grade, 10)
            .MaxLength("industry", input.Industry, 100).MaxLength("province", input.Province, 50).MaxLength("city", input.City, 50)
            .MaxLength("district", input.District, 50).MaxLength("address", input.Address, 300).MaxLength("channel", input.Channel, 50)
            .MaxLength("taxId", input.TaxId, 32).MaxLength("contactName", input.ContactName, 100).MaxLength("contactEmail", input.ContactEmail, 256)
            .MaxLength("tags", input.Tags, 300).MaxLength("notes", input.Notes, 2000).MaxLength("productLines", input.ProductLines, 300);
        if (input.Type is { } type && !Enum.IsDefined(type))
        {
            problems.Add("type", "Validation.UnknownStatus");
        }

        if (input.Settlement is { } settlement && !Enum.IsDefined(settlement))
        {
            problems.Add("settlement", "Validation.UnknownStatus");
        }

        if (input.PaymentCycleDays is < 0 or > 365)
        {
            problems.Add("paymentCycleDays", "Policy.OutOfRange", 0, 365);
        }

        if (!string.IsNullOrWhiteSpace(input.ContactEmail) && !System.Net.Mail.MailAddress.TryCreate(input.ContactEmail.Trim(), out _))
        {
            problems.Add("contactEmail", "Validation.Email");
        }

        return problems;
    }

    internal static void Apply(Customer c, CustomerInput i)
    {
        static string? T(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
        c.Name = i.Name!.Trim();
        c.Type = i.Type ?? c.Type;
        c.Grade = T(i.Grade)?.ToUpperInvariant();
        c.Phone = T(i.Phone);
        c.Industry = T(i.Industry);
        c.Province = T(i.Province);
        c.City = T(i.City);
        c.District = T(i.District);
        c.Address = T(i.Address);
        c.Channel = T(i.Channel);
        c.Settlement = i.Settlement ?? c.Settlement;
        c.PaymentCycleDays = i.PaymentCycleDays;
        c.TaxId = T(i.TaxId);
        c.ContactName = T(i.ContactName);
        c.ContactEmail = T(i.ContactEmail);
        c.Tags = T(i.Tags);
        c.Notes = T(i.Notes);
        c.ProductLines = T(i.ProductLines);
        c.NameKey = DuplicateKeys.Name(c.Name);
        c.PhoneKey = DuplicateKeys.Phone(c.Phone) is { Length: > 0 } p ? p : null;
        c.TaxIdKey = DuplicateKeys.TaxId(c.TaxId) is { Length: > 0 } t ? t : null;
    }
}
